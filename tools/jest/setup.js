// aws-sdk-client-mock's matchers (toHaveReceivedCommandWith, …) for every project.
require('aws-sdk-client-mock-jest');
