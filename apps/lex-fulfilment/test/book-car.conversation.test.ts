import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { ABSENT, carDialogues, HOTEL_BOOKED_SESSION as HOTEL_BOOKED } from '@booktrip/test-kit';
import { mockClient } from 'aws-sdk-client-mock';
import { runDialogue, type HookDialogue } from './conversation/run-dialogue';

const eventBridge = mockClient(EventBridgeClient);

// The clock is Tuesday 2026-11-24. Boston is a tier-1 city: a midsize car costs $74.75 a day,
// $85.96 on Saturdays and Sundays. 2026-12-10 is a Thursday, 2026-12-14 a Monday. The dialogues
// shared with the local cloud's SDK tests (`carDialogues`) run first; HOTEL_BOOKED is the last
// confirmed hotel: 3 nights in Chicago from Friday 2026-12-04.
const BOSTON_TRIP = { PickUpCity: 'Boston', PickUpDate: '2026-12-10', ReturnDate: '2026-12-14' };

const dialogues: HookDialogue[] = [
  ...Object.values(carDialogues),
  {
    name: 're-asks for a pick-up city that cannot be a city name',
    steps: [
      {
        user: 'rent a car at gate #4',
        lex: { intent: 'BookCar', slots: { PickUpCity: 'gate #4' } },
        expect: {
          action: 'ElicitSlot',
          slot: 'PickUpCity',
          message: /^I don't know a city called "gate #4"\./,
        },
      },
    ],
  },
  {
    name: 're-asks for a pick-up date in the past',
    steps: [
      {
        user: 'a car in Boston from yesterday',
        lex: { intent: 'BookCar', slots: { PickUpCity: 'Boston', PickUpDate: '2026-11-22' } },
        expect: {
          action: 'ElicitSlot',
          slot: 'PickUpDate',
          message: '2026-11-22 is in the past. What day do you want to start your rental?',
          slots: { PickUpDate: null, PickUpCity: 'Boston' },
        },
      },
    ],
  },
  {
    name: 're-asks for a return date that is not after the pick-up',
    steps: [
      {
        user: 'return it on December 9',
        lex: { intent: 'BookCar', slots: { ...BOSTON_TRIP, ReturnDate: '2026-12-09' } },
        expect: {
          action: 'ElicitSlot',
          slot: 'ReturnDate',
          message:
            'The car has to go back after the pick-up day, 2026-12-10. What day do you want to return this car?',
          slots: { ReturnDate: null, PickUpDate: '2026-12-10' },
        },
      },
      {
        user: 'December 11',
        lex: { intent: 'BookCar', slots: { ReturnDate: '2026-12-11' } },
        expect: {
          action: 'ElicitSlot',
          slot: 'DriverAge',
          message: 'How old is the driver for this rental?',
          slots: { ReturnDate: '2026-12-11' },
        },
      },
    ],
  },
  {
    name: 're-asks for a return date more than 30 days after pick-up',
    steps: [
      {
        user: 'until January 20',
        lex: { intent: 'BookCar', slots: { ...BOSTON_TRIP, ReturnDate: '2027-01-20' } },
        expect: {
          action: 'ElicitSlot',
          slot: 'ReturnDate',
          message: /^I can rent a car for up to 30 days, and 2027-01-20 is 41 days after pick-up\./,
        },
      },
    ],
  },
  {
    name: 're-asks for the age of a driver under 18',
    steps: [
      {
        user: "I'm 17",
        lex: { intent: 'BookCar', slots: { ...BOSTON_TRIP, DriverAge: '17' } },
        expect: {
          action: 'ElicitSlot',
          slot: 'DriverAge',
          message:
            "Drivers must be at least 18, so I can't rent to a 17-year-old. How old is the driver for this rental?",
          slots: { DriverAge: null },
        },
      },
    ],
  },
  {
    name: 're-asks for the age of a driver over 100',
    steps: [
      {
        user: '104',
        lex: { intent: 'BookCar', slots: { DriverAge: '104' } },
        expect: {
          action: 'ElicitSlot',
          slot: 'DriverAge',
          message: /^I can't rent to a driver aged 104; the limit is 100\./,
        },
      },
    ],
  },
  {
    name: 're-asks for a car type the desk does not rent',
    steps: [
      {
        user: 'a tank',
        lex: { intent: 'BookCar', slots: { ...BOSTON_TRIP, DriverAge: '40', CarType: 'tank' } },
        expect: {
          action: 'ElicitSlot',
          slot: 'CarType',
          message:
            /^We have economy, standard, midsize, full size, minivan and luxury cars, not "tank"\./,
          cards: [
            ['Everyday cars', ['economy', 'standard', 'midsize']],
            ['More room or more comfort', ['full size', 'minivan', 'luxury']],
          ],
        },
      },
    ],
  },
  {
    name: 'closes politely when the user declines the car',
    steps: [
      {
        user: 'a midsize car in Boston from December 10 to 14, I am 30',
        lex: { intent: 'BookCar', slots: { ...BOSTON_TRIP, DriverAge: '30', CarType: 'midsize' } },
        expect: {
          action: 'ConfirmIntent',
          message:
            /^Okay, I have you down for a rental car in Boston .*\(midsize\).* for \$321\.42\./,
          sessionAttributes: { currentReservationPrice: '$321.42' },
        },
      },
      {
        user: 'no thanks',
        lex: { intent: 'BookCar', confirmationState: 'Denied' },
        expect: {
          action: 'Close',
          intentState: 'Failed',
          message: /^Okay, I won't book that\./,
          sessionAttributes: { currentReservation: ABSENT, currentReservationPrice: ABSENT },
        },
      },
    ],
  },
  {
    name: 'after a hotel, a no to the offer empties the copied details and asks for the city',
    sessionAttributes: HOTEL_BOOKED,
    steps: [
      {
        user: 'rent a car',
        lex: { intent: 'BookCar', slots: { PickUpCity: null, PickUpDate: null, ReturnDate: null } },
        expect: {
          action: 'ConfirmIntent',
          sessionAttributes: { confirmationContext: 'AutoPopulate' },
        },
      },
      {
        user: 'no',
        lex: { intent: 'BookCar', confirmationState: 'Denied' },
        expect: {
          action: 'ElicitSlot',
          slot: 'PickUpCity',
          message: "Okay, let's set it up from scratch. In what city do you need to rent a car?",
          intentState: 'InProgress',
          confirmationState: 'None',
          slots: { PickUpCity: null, PickUpDate: null, ReturnDate: null },
          sessionAttributes: { confirmationContext: ABSENT, ...HOTEL_BOOKED },
        },
      },
      {
        user: 'Boston',
        lex: { intent: 'BookCar', slots: { PickUpCity: 'Boston' } },
        expect: {
          action: 'ElicitSlot',
          slot: 'PickUpDate',
          message: 'What day do you want to start your rental?',
          slots: { PickUpCity: 'Boston', PickUpDate: null },
        },
      },
    ],
  },
  {
    name: 'after a hotel, asks the offer again when the answer was neither yes nor no',
    sessionAttributes: HOTEL_BOOKED,
    steps: [
      {
        user: 'rent a car',
        lex: { intent: 'BookCar', slots: { PickUpCity: null } },
        expect: { action: 'ConfirmIntent' },
      },
      {
        user: 'hmm',
        lex: { intent: 'BookCar' },
        expect: {
          action: 'ConfirmIntent',
          message: /^Is this car for your 3-night stay in Chicago/,
          sessionAttributes: { confirmationContext: 'AutoPopulate' },
        },
      },
    ],
  },
  {
    name: 'after a hotel, makes no offer when the user already named a city',
    sessionAttributes: HOTEL_BOOKED,
    steps: [
      {
        user: 'rent a car in Boston',
        lex: { intent: 'BookCar', slots: { PickUpCity: 'Boston', PickUpDate: null } },
        expect: {
          action: 'ElicitSlot',
          slot: 'PickUpDate',
          slots: { PickUpCity: 'Boston', PickUpDate: null },
          sessionAttributes: { confirmationContext: ABSENT },
        },
      },
    ],
  },
  {
    name: 'makes no offer when the hotel stay has already started',
    now: '2026-12-05T12:00:00Z',
    sessionAttributes: HOTEL_BOOKED,
    steps: [
      {
        user: 'rent a car',
        lex: { intent: 'BookCar', slots: { PickUpCity: null } },
        expect: {
          action: 'ElicitSlot',
          slot: 'PickUpCity',
          message: 'In what city do you need to rent a car?',
          slots: { PickUpCity: null },
        },
      },
    ],
  },
];

describe('BookCar conversations', () => {
  it.each(dialogues.map((dialogue) => [dialogue.name, dialogue] as const))(
    '%s',
    async (_name, dialogue) => {
      await runDialogue(dialogue, eventBridge);
    },
  );
});
