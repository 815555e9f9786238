import { ConversationTurnRecorded, ReservationRequested } from '@booktrip/events';
import { ABSENT, type Dialogue } from './lex-dialogue';

/*
 * BookTrip dialogues that both runners play: the fulfilment service's conversation tests (the
 * code hook called directly, `lex` saying what Lex understood) and the local cloud's SDK tests
 * (the same `user` lines through LexRuntimeV2Client, the local runtime understanding them). So
 * each line is one the local NLU understands as `lex` says, and the clock is the default one,
 * Tuesday 2026-11-24: 2026-12-04 is a Friday. Every bot message is the code hook's own, so each
 * turn's *Conversation Turn Recorded* holds exactly what the user was told.
 */

const TURN = ConversationTurnRecorded.detailType;
const REQUESTED = ReservationRequested.detailType;

/** Chicago is a tier-2 city: a king room costs $216 a night, $270 on Friday and Saturday. */
const CHICAGO_KING_3_NIGHTS = {
  kind: 'hotel',
  location: 'Chicago',
  checkInDate: '2026-12-04',
  nights: 3,
  roomType: 'king',
};
const CHICAGO_KING_CONFIRMATION =
  'Okay, I have you down for a 3 night stay in Chicago starting 2026-12-04, a king room, for $756.00. Shall I book the reservation?';

/** Boston is a tier-1 city: a midsize car costs $74.75 a day, $85.96 on Saturday and Sunday. */
const BOSTON_MIDSIZE = {
  kind: 'car',
  pickUpCity: 'Boston',
  pickUpDate: '2026-12-10',
  returnDate: '2026-12-14',
  driverAge: 30,
  carType: 'midsize',
};

/** Dialogues by a short name (a test may play one on its own), each typed as a Dialogue. */
function named<Name extends string>(dialogues: Record<Name, Dialogue>): Record<Name, Dialogue> {
  return dialogues;
}

const CAR_TYPE_CARDS: [string, string[]][] = [
  ['Everyday cars', ['economy', 'standard', 'midsize']],
  ['More room or more comfort', ['full size', 'minivan', 'luxury']],
];

export const hotelDialogues = named({
  stepByStep: {
    name: 'books a hotel step by step, shows the price before confirming, and requests it',
    steps: [
      {
        user: 'book a hotel',
        lex: {
          intent: 'BookHotel',
          slots: { Location: null, CheckInDate: null, Nights: null, RoomType: null },
        },
        expect: {
          action: 'ElicitSlot',
          slot: 'Location',
          message: 'What city will you be staying in?',
          cards: [],
          published: [TURN],
        },
      },
      {
        user: 'Chicago',
        lex: { intent: 'BookHotel', slots: { Location: 'Chicago' } },
        expect: {
          action: 'ElicitSlot',
          slot: 'CheckInDate',
          message: 'What day do you want to check in?',
          slots: { Location: 'Chicago' },
          published: [TURN],
        },
      },
      {
        user: 'next Friday',
        lex: { intent: 'BookHotel', slots: { CheckInDate: '2026-12-04' } },
        expect: {
          action: 'ElicitSlot',
          slot: 'Nights',
          message: 'How many nights will you be staying?',
          published: [TURN],
        },
      },
      {
        user: '3',
        lex: { intent: 'BookHotel', slots: { Nights: '3' } },
        expect: {
          action: 'ElicitSlot',
          slot: 'RoomType',
          message: 'What type of room would you like: queen, king, or deluxe?',
          cards: [['Room type', ['queen', 'king', 'deluxe']]],
          sessionAttributes: { currentReservation: ABSENT, currentReservationPrice: ABSENT },
          published: [TURN],
        },
      },
      {
        user: 'king',
        lex: { intent: 'BookHotel', slots: { RoomType: 'king' } },
        expect: {
          action: 'ConfirmIntent',
          message: CHICAGO_KING_CONFIRMATION,
          confirmationState: 'None',
          sessionAttributes: {
            currentReservation: JSON.stringify(CHICAGO_KING_3_NIGHTS),
            currentReservationPrice: '$756.00',
          },
          published: [TURN],
        },
      },
      {
        // Lex goes on to fulfilment with nothing said: the fulfilment turn records this "yes".
        user: 'yes',
        lex: { intent: 'BookHotel', confirmationState: 'Confirmed' },
        expect: {
          action: 'Delegate',
          noMessage: true,
          confirmationState: 'Confirmed',
          published: [],
        },
      },
      {
        user: 'yes',
        lex: {
          intent: 'BookHotel',
          invocationSource: 'FulfillmentCodeHook',
          confirmationState: 'Confirmed',
        },
        expect: {
          action: 'Close',
          intentState: 'Fulfilled',
          message:
            /^Thanks! I've requested a king room in Chicago for 3 nights from 2026-12-04 to 2026-12-07 for \$756\.00\. Your reservation number is [0-9a-f-]{36}/,
          sessionAttributes: {
            lastConfirmedReservation: JSON.stringify(CHICAGO_KING_3_NIGHTS),
            currentReservation: ABSENT,
            currentReservationPrice: ABSENT,
          },
          published: [REQUESTED, TURN],
        },
      },
    ],
  },
  pricedAtOnce: {
    name: 'prices at once and asks for confirmation when the first utterance fills every slot',
    steps: [
      {
        user: 'book a king room in Chicago for 3 nights from December 4',
        lex: {
          intent: 'BookHotel',
          slots: { Location: 'Chicago', CheckInDate: '2026-12-04', Nights: '3', RoomType: 'king' },
        },
        expect: {
          action: 'ConfirmIntent',
          message: CHICAGO_KING_CONFIRMATION,
          sessionAttributes: {
            currentReservation: JSON.stringify(CHICAGO_KING_3_NIGHTS),
            currentReservationPrice: '$756.00',
          },
          published: [TURN],
        },
      },
    ],
  },
  rewordedRetry: {
    name: 'asks for the check-in date again in other words when Lex did not understand the answer',
    steps: [
      {
        user: 'book a hotel in Chicago',
        lex: { intent: 'BookHotel', slots: { Location: 'Chicago' } },
        expect: {
          action: 'ElicitSlot',
          slot: 'CheckInDate',
          message: 'What day do you want to check in?',
        },
      },
      {
        user: 'I am not sure',
        lex: {
          intent: 'BookHotel',
          proposed: { action: 'ElicitSlot', slot: 'CheckInDate', attempt: 'Retry1' },
        },
        expect: {
          action: 'ElicitSlot',
          slot: 'CheckInDate',
          message: 'On which date do you arrive?',
          slots: { Location: 'Chicago', CheckInDate: null },
          published: [TURN],
        },
      },
    ],
  },
  pastCheckIn: {
    name: 're-asks for a check-in date in the past',
    steps: [
      {
        user: 'a hotel in Chicago on November 1st 2026',
        lex: { intent: 'BookHotel', slots: { Location: 'Chicago', CheckInDate: '2026-11-01' } },
        expect: {
          action: 'ElicitSlot',
          slot: 'CheckInDate',
          message: '2026-11-01 is in the past. What day do you want to check in?',
          slots: { Location: 'Chicago', CheckInDate: null },
          published: [TURN],
        },
      },
    ],
  },
  pastWhereThePersonIs: {
    name: 're-asks for a check-in that is yesterday in the person’s time zone',
    // 09:00 on 25 November in Paris: the 24th is past there, though still today in UTC−12.
    now: '2026-11-25T08:00:00Z',
    timeZone: 'Europe/Paris',
    steps: [
      {
        user: 'a hotel in Chicago on November 24th 2026',
        lex: { intent: 'BookHotel', slots: { Location: 'Chicago', CheckInDate: '2026-11-24' } },
        expect: {
          action: 'ElicitSlot',
          slot: 'CheckInDate',
          message: '2026-11-24 is in the past. What day do you want to check in?',
          slots: { Location: 'Chicago', CheckInDate: null },
          published: [TURN],
        },
      },
    ],
  },
  tomorrowWhereThePersonIs: {
    name: 'reads "tomorrow" as the person’s tomorrow',
    // 20:00 on 24 November in Los Angeles, already the 25th in UTC.
    now: '2026-11-25T04:00:00Z',
    timeZone: 'America/Los_Angeles',
    steps: [
      {
        user: 'a hotel in Chicago',
        lex: { intent: 'BookHotel', slots: { Location: 'Chicago' } },
        expect: { action: 'ElicitSlot', slot: 'CheckInDate', published: [TURN] },
      },
      {
        user: 'tomorrow',
        lex: { intent: 'BookHotel', slots: { CheckInDate: '2026-11-25' } },
        expect: {
          action: 'ElicitSlot',
          slot: 'Nights',
          slots: { Location: 'Chicago', CheckInDate: '2026-11-25' },
          published: [TURN],
        },
      },
    ],
  },
  declined: {
    name: 'closes politely and forgets the priced reservation when the user declines',
    steps: [
      {
        user: 'book a king room in Chicago for 3 nights from December 4',
        lex: {
          intent: 'BookHotel',
          slots: { Location: 'Chicago', CheckInDate: '2026-12-04', Nights: '3', RoomType: 'king' },
        },
        expect: {
          action: 'ConfirmIntent',
          sessionAttributes: { currentReservationPrice: '$756.00' },
        },
      },
      {
        user: 'no',
        lex: { intent: 'BookHotel', confirmationState: 'Denied' },
        expect: {
          action: 'Close',
          intentState: 'Failed',
          message: "Okay, I won't book that. Is there anything else I can help you with?",
          sessionAttributes: { currentReservation: ABSENT, currentReservationPrice: ABSENT },
          published: [TURN],
        },
      },
    ],
  },
});

/** The last confirmed hotel: 3 nights in Chicago from Friday 2026-12-04. */
export const HOTEL_BOOKED_SESSION = {
  lastConfirmedReservation: JSON.stringify(CHICAGO_KING_3_NIGHTS),
};

export const carDialogues = named({
  stepByStep: {
    name: 'rents a car step by step and requests it after confirmation',
    steps: [
      {
        user: 'rent a car',
        lex: {
          intent: 'BookCar',
          slots: {
            PickUpCity: null,
            PickUpDate: null,
            ReturnDate: null,
            DriverAge: null,
            CarType: null,
          },
        },
        expect: {
          action: 'ElicitSlot',
          slot: 'PickUpCity',
          message: 'In what city do you need to rent a car?',
          published: [TURN],
        },
      },
      {
        user: 'Boston',
        lex: { intent: 'BookCar', slots: { PickUpCity: 'Boston' } },
        expect: {
          action: 'ElicitSlot',
          slot: 'PickUpDate',
          message: 'What day do you want to start your rental?',
        },
      },
      {
        user: 'December 10',
        lex: { intent: 'BookCar', slots: { PickUpDate: '2026-12-10' } },
        expect: {
          action: 'ElicitSlot',
          slot: 'ReturnDate',
          message: 'What day do you want to return this car?',
        },
      },
      {
        user: 'December 14',
        lex: { intent: 'BookCar', slots: { ReturnDate: '2026-12-14' } },
        expect: {
          action: 'ElicitSlot',
          slot: 'DriverAge',
          message: 'How old is the driver for this rental?',
        },
      },
      {
        user: '30',
        lex: { intent: 'BookCar', slots: { DriverAge: '30' } },
        expect: {
          action: 'ElicitSlot',
          slot: 'CarType',
          message:
            'What type of car would you like to rent? Our most popular options are economy, midsize, and luxury.',
          cards: CAR_TYPE_CARDS,
          published: [TURN],
        },
      },
      {
        user: 'midsize',
        lex: { intent: 'BookCar', slots: { CarType: 'midsize' } },
        expect: {
          action: 'ConfirmIntent',
          message:
            'Okay, I have you down for a rental car in Boston from 2026-12-10 to 2026-12-14 (midsize), driver aged 30, for $321.42. Should I book the reservation?',
          sessionAttributes: {
            currentReservation: JSON.stringify(BOSTON_MIDSIZE),
            currentReservationPrice: '$321.42',
          },
        },
      },
      {
        user: 'yes',
        lex: { intent: 'BookCar', confirmationState: 'Confirmed' },
        expect: { action: 'Delegate', noMessage: true, published: [] },
      },
      {
        user: 'yes',
        lex: {
          intent: 'BookCar',
          invocationSource: 'FulfillmentCodeHook',
          confirmationState: 'Confirmed',
        },
        expect: {
          action: 'Close',
          intentState: 'Fulfilled',
          message:
            /^Thanks! I've requested a midsize car in Boston from 2026-12-10 to 2026-12-14 for \$321\.42\./,
          sessionAttributes: {
            lastConfirmedReservation: JSON.stringify(BOSTON_MIDSIZE),
            currentReservation: ABSENT,
          },
          published: [REQUESTED, TURN],
        },
      },
    ],
  },
  youngDriver: {
    name: 'charges drivers under 25 a surcharge per day',
    steps: [
      {
        user: 'a midsize car in Boston from December 10 to 14, I am 22',
        lex: {
          intent: 'BookCar',
          slots: {
            PickUpCity: 'Boston',
            PickUpDate: '2026-12-10',
            ReturnDate: '2026-12-14',
            DriverAge: '22',
            CarType: 'midsize',
          },
        },
        expect: {
          action: 'ConfirmIntent',
          message:
            'Okay, I have you down for a rental car in Boston from 2026-12-10 to 2026-12-14 (midsize), driver aged 22, for $421.42. Should I book the reservation?',
          sessionAttributes: { currentReservationPrice: '$421.42' },
        },
      },
    ],
  },
  fromHotel: {
    name: 'after a hotel, offers its city and dates for the car; yes keeps them and asks the rest',
    sessionAttributes: HOTEL_BOOKED_SESSION,
    steps: [
      {
        user: 'I need a car too',
        lex: {
          intent: 'BookCar',
          slots: {
            PickUpCity: null,
            PickUpDate: null,
            ReturnDate: null,
            DriverAge: null,
            CarType: null,
          },
        },
        expect: {
          action: 'ConfirmIntent',
          message:
            'Is this car for your 3-night stay in Chicago, picking it up on 2026-12-04 and returning it on 2026-12-07?',
          slots: {
            PickUpCity: 'Chicago',
            PickUpDate: '2026-12-04',
            ReturnDate: '2026-12-07',
            DriverAge: null,
          },
          sessionAttributes: { confirmationContext: 'AutoPopulate', ...HOTEL_BOOKED_SESSION },
          published: [TURN],
        },
      },
      {
        user: 'yes',
        lex: { intent: 'BookCar', confirmationState: 'Confirmed' },
        expect: {
          // The yes answered the offer, not the booking: the priced confirmation comes later.
          action: 'ElicitSlot',
          slot: 'DriverAge',
          message: 'How old is the driver for this rental?',
          confirmationState: 'None',
          slots: { PickUpCity: 'Chicago', ReturnDate: '2026-12-07' },
          sessionAttributes: { confirmationContext: ABSENT },
          published: [TURN],
        },
      },
      {
        user: '40',
        lex: { intent: 'BookCar', slots: { DriverAge: '40' } },
        expect: { action: 'ElicitSlot', slot: 'CarType', cards: CAR_TYPE_CARDS },
      },
      {
        user: 'economy',
        lex: { intent: 'BookCar', slots: { CarType: 'economy' } },
        expect: {
          action: 'ConfirmIntent',
          message:
            'Okay, I have you down for a rental car in Chicago from 2026-12-04 to 2026-12-07 (economy), driver aged 40, for $132.00. Should I book the reservation?',
          sessionAttributes: { currentReservationPrice: '$132.00' },
        },
      },
      {
        user: 'yes',
        lex: { intent: 'BookCar', confirmationState: 'Confirmed' },
        expect: { action: 'Delegate', noMessage: true, published: [] },
      },
      {
        user: 'yes',
        lex: {
          intent: 'BookCar',
          invocationSource: 'FulfillmentCodeHook',
          confirmationState: 'Confirmed',
        },
        expect: {
          action: 'Close',
          intentState: 'Fulfilled',
          message: /an economy car in Chicago from 2026-12-04 to 2026-12-07 for \$132\.00/,
          published: [REQUESTED, TURN],
        },
      },
    ],
  },
});
