export { ChatWebStack, LOCAL_EDGE_URL, LOCAL_WEB_ORIGIN } from './chat-web-stack';
export type { ChatWebStackProps } from './chat-web-stack';
export { contentSecurityPolicy } from './content-security-policy';
export type { CspSources } from './content-security-policy';
