import type { BotModel, IntentModel, LocaleModel, SlotModel } from '../src';

/** Copies of a model with one part changed, so each test breaks exactly one rule. */
export function editLocale(model: BotModel, edit: (locale: LocaleModel) => LocaleModel): BotModel {
  return { ...model, locales: model.locales.map(edit) };
}

export function editIntent(
  model: BotModel,
  intentName: string,
  edit: (intent: IntentModel) => IntentModel,
): BotModel {
  return editLocale(model, (locale) => ({
    ...locale,
    intents: locale.intents.map((intent) => (intent.name === intentName ? edit(intent) : intent)),
  }));
}

export function editSlot(
  model: BotModel,
  intentName: string,
  slotName: string,
  edit: (slot: SlotModel) => SlotModel,
): BotModel {
  return editIntent(model, intentName, (intent) => ({
    ...intent,
    slots: intent.slots.map((slot) => (slot.name === slotName ? edit(slot) : slot)),
  }));
}
