/** What the bot says on its own (slot prompts and the confirmation live in the bot model). */
export const replies = {
  greeting: 'Hi! I can book a hotel room or a rental car for you. What would you like to do?',
  fallback:
    'Sorry, I didn\'t get that. I can book a hotel ("book a hotel in Chicago") or a car ("rent a car in Boston").',
  declined: "Okay, I won't book that. Is there anything else I can help you with?",
  startCarOver: "Okay, let's set it up from scratch.",
  unknownIntent: "Sorry, I can't help with that yet. I can book a hotel room or a rental car.",
  fault:
    "Sorry, something went wrong on my side and I couldn't finish that. Please try again in a moment.",
  notSubmitted:
    "Sorry, I couldn't pass your booking on just now, so nothing is booked yet. Please try again in a moment.",
  chatNotOpen:
    "Sorry, I can't continue this chat from here. Please start a new chat and I'll gladly help you there.",
  detailsChanged:
    'Sorry, some details of that booking are no longer valid, so I did not book it. Please start again.',
} as const;
