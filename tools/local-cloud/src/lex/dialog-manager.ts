import type {
  AliasDefinition,
  BotDefinition,
  IntentDefinition,
  LocaleDefinition,
  PromptDefinition,
} from './bot-definition';
import { CodeHookResponseSchema, type CodeHookResponse, type HookSlot } from './code-hook-response';
import { IntentClassifier } from './intent-classifier';
import { LexError } from './lex-error';
import { renderGroups, type LexMessage } from './messages';
import type { DialogAction, Interpretation, Session, SessionIntent, Slot } from './session-store';
import { SlotFiller } from './slot-filler';
import { resolverFor, type RequestTime, type SlotValue } from './slot-types';
import { yesOrNo } from './yes-no';

/** Calls the alias' code hook with a Lex V2 event and returns the function's raw answer. */
export type InvokeCodeHook = (lambdaArn: string, event: CodeHookEvent) => Promise<unknown>;

export interface CodeHookEvent {
  messageVersion: '1.0';
  invocationSource: 'DialogCodeHook' | 'FulfillmentCodeHook';
  inputMode: 'Text';
  responseContentType: string;
  sessionId: string;
  inputTranscript: string;
  bot: {
    id: string;
    name: string;
    aliasId: string;
    aliasName: string;
    localeId: string;
    version: string;
  };
  interpretations: {
    intent: SessionIntent;
    nluConfidence?: number;
    interpretationSource: 'Lex';
  }[];
  proposedNextState?: {
    dialogAction: DialogAction;
    intent: SessionIntent;
    prompt: { attempt: string };
  };
  requestAttributes: Record<string, string>;
  sessionState: {
    sessionAttributes: Record<string, string>;
    activeContexts: unknown[];
    intent: SessionIntent;
    originatingRequestId: string;
  };
}

/** One request's input; its `now` and `timeZone` (the `RequestTime`) date what it says. */
export interface TurnInput extends RequestTime {
  text: string;
  requestAttributes: Record<string, string>;
  requestId: string;
  responseContentType: string;
}

export interface TurnResult {
  session: Session;
  messages: LexMessage[];
  interpretations: Interpretation[];
}

/** What Lex would do next from the bot's configuration alone. */
type Step =
  { kind: 'elicit'; slot: string } | { kind: 'confirm' } | { kind: 'fulfil' } | { kind: 'decline' };

const FALLBACK = 'AMAZON.FallbackIntent';

/**
 * One bot locale behind one alias, with Lex V2's dialog semantics: understand the input (a new
 * intent, an answer to the pending slot, a yes/no to the pending confirmation), call the dialog
 * code hook with what Lex proposes to do next, honour its dialog action, and call the
 * fulfilment hook when the intent is ready.
 */
export class LocaleDialog {
  private readonly fillers = new Map<string, SlotFiller>();
  private readonly fallback: IntentDefinition;

  private constructor(
    readonly bot: BotDefinition,
    readonly alias: AliasDefinition,
    readonly locale: LocaleDefinition,
    private readonly classifier: IntentClassifier,
    private readonly invoke: InvokeCodeHook,
  ) {
    for (const intent of locale.intents) {
      this.fillers.set(intent.name, new SlotFiller(intent, locale.slotTypes));
    }
    const fallback = locale.intents.find((intent) => intent.parentIntentSignature === FALLBACK);
    if (!fallback) throw new Error(`${bot.name} ${locale.localeId} has no fallback intent`);
    this.fallback = fallback;
  }

  static async create(
    bot: BotDefinition,
    alias: AliasDefinition,
    locale: LocaleDefinition,
    invoke: InvokeCodeHook,
    classifier?: IntentClassifier,
  ): Promise<LocaleDialog> {
    return new LocaleDialog(
      bot,
      alias,
      locale,
      classifier ?? (await IntentClassifier.train(locale)),
      invoke,
    );
  }

  private get lambdaArn(): string | undefined {
    return this.alias.locales[this.locale.localeId]?.lambdaArn;
  }

  intentDefinition(name: string): IntentDefinition | undefined {
    return this.locale.intents.find((intent) => intent.name === name);
  }

  /** A fresh intent with every slot empty. */
  emptyIntent(name: string): SessionIntent {
    const definition = this.intentDefinition(name);
    return {
      name,
      slots: Object.fromEntries((definition?.slots ?? []).map((slot) => [slot.name, null])),
      state: 'InProgress',
      confirmationState: 'None',
    };
  }

  /** The ranked intents for an utterance, FallbackIntent first when none is confident enough. */
  async interpret(text: string, at: RequestTime): Promise<Interpretation[]> {
    const filled = new Map(
      [...this.fillers].map(([intent, filler]) => [intent, filler.fill(text, at)] as const),
    );
    const slotText = [...filled.values()].flatMap((values) =>
      Object.values(values).map((value) => value.originalValue),
    );
    const scores = await this.classifier.classify(text, slotText);
    const interpretations: Interpretation[] = scores.map(({ intent, score }) => ({
      intent: this.withSlots(this.emptyIntent(intent), filled.get(intent)),
      nluConfidence: score,
    }));
    const fallback: Interpretation = { intent: this.emptyIntent(this.fallback.name) };
    const [best] = interpretations;
    if (!best || (best.nluConfidence ?? 0) < this.locale.nluConfidenceThreshold) {
      return [fallback, ...interpretations];
    }
    return [...interpretations, fallback];
  }

  async turn(session: Session, input: TurnInput): Promise<TurnResult> {
    const working: Session = { ...session, originatingRequestId: input.requestId };
    const pending = working.intent?.state === 'InProgress' ? working.dialogAction : undefined;
    let interpretations = await this.interpret(input.text, input);
    const top = interpretations[0];
    const switchesIntent =
      top?.intent.name !== this.fallback.name && top?.intent.name !== working.intent?.name;

    if (pending?.type === 'ConfirmIntent' && working.intent) {
      const answer = yesOrNo(input.text);
      if (answer || !switchesIntent) {
        const intent: SessionIntent = {
          ...working.intent,
          confirmationState: answer === 'yes' ? 'Confirmed' : answer === 'no' ? 'Denied' : 'None',
        };
        interpretations = this.current(intent, interpretations);
        if (!answer) {
          const definition = this.intentDefinition(intent.name);
          const maxRetries = definition?.confirmation?.prompt.maxRetries ?? 0;
          if (working.attempt + 1 > maxRetries) {
            return this.fail(
              working,
              intent,
              definition?.confirmation?.failureResponse,
              interpretations,
            );
          }
          return this.dialogTurn(
            { ...working, attempt: working.attempt + 1 },
            intent,
            input,
            interpretations,
          );
        }
        return this.dialogTurn({ ...working, attempt: 0 }, intent, input, interpretations);
      }
    }

    if (pending?.type === 'ElicitSlot' && pending.slotToElicit && working.intent) {
      const slotName = pending.slotToElicit;
      const filler = this.fillers.get(working.intent.name);
      const current = working.intent;
      // The whole answer is the slot's value ("December 14"), or the slot is among the values
      // the utterance names ("on December 14, for 2 people"); the others may fill slots that
      // are still empty, never overwrite one.
      const whole = filler?.resolve(slotName, input.text, input);
      const found = whole ? {} : (filler?.fill(input.text, input) ?? {});
      const answer = whole ?? found[slotName];
      if (answer || !switchesIntent) {
        const accepted = answer ?? this.acceptAnyValue(current.name, slotName, input.text);
        const others = Object.fromEntries(
          Object.entries(found).filter(([name]) => name !== slotName && !current.slots[name]),
        );
        const intent = this.withSlots(current, {
          ...others,
          ...(accepted ? { [slotName]: accepted } : {}),
        });
        interpretations = this.current(intent, interpretations);
        if (!accepted) {
          const slot = this.intentDefinition(intent.name)?.slots.find((s) => s.name === slotName);
          if (working.attempt + 1 > (slot?.prompt?.maxRetries ?? 0)) {
            return this.fail(working, intent, slot?.failureResponse, interpretations);
          }
          return this.dialogTurn(
            { ...working, attempt: working.attempt + 1 },
            intent,
            input,
            interpretations,
          );
        }
        return this.dialogTurn({ ...working, attempt: 0 }, intent, input, interpretations);
      }
    }

    // A new intent: the best interpretation, with the slots its utterance filled.
    const chosen = interpretations[0]?.intent ?? this.emptyIntent(this.fallback.name);
    return this.dialogTurn(
      { ...working, attempt: 0, dialogAction: undefined },
      chosen,
      input,
      interpretations,
    );
  }

  /** Puts the intent being continued first, as Lex reports an answer to its own question. */
  private current(intent: SessionIntent, interpretations: Interpretation[]): Interpretation[] {
    const others = interpretations.filter((i) => i.intent.name !== intent.name);
    return [{ intent, nluConfidence: 1 }, ...others];
  }

  /** ORIGINAL_VALUE custom types take any answer to their own prompt. */
  private acceptAnyValue(intentName: string, slotName: string, text: string) {
    const slot = this.intentDefinition(intentName)?.slots.find((s) => s.name === slotName);
    if (!slot || slot.slotTypeName.startsWith('AMAZON.')) return undefined;
    return resolverFor(slot.slotTypeName, this.locale.slotTypes, { acceptAny: true })(text.trim(), {
      now: new Date(),
    });
  }

  private withSlots(
    intent: SessionIntent,
    values: Record<string, SlotValue> | undefined,
  ): SessionIntent {
    const slots = { ...intent.slots };
    for (const [name, value] of Object.entries(values ?? {})) {
      slots[name] = { shape: 'Scalar', value };
    }
    return { ...intent, slots };
  }

  /** The next step from the bot's configuration: next empty slot, confirmation, fulfilment. */
  private nextStep(intent: SessionIntent): Step {
    const definition = this.intentDefinition(intent.name);
    if (intent.confirmationState === 'Denied') return { kind: 'decline' };
    for (const slot of definition?.slots ?? []) {
      if (slot.required && !intent.slots[slot.name]) return { kind: 'elicit', slot: slot.name };
    }
    if (definition?.confirmation && intent.confirmationState === 'None') return { kind: 'confirm' };
    return { kind: 'fulfil' };
  }

  private async dialogTurn(
    session: Session,
    intent: SessionIntent,
    input: TurnInput,
    interpretations: Interpretation[],
  ): Promise<TurnResult> {
    const definition = this.intentDefinition(intent.name);
    const step = this.nextStep(intent);
    const lambdaArn = this.lambdaArn;
    if (!definition?.dialogCodeHook || !lambdaArn) {
      return this.perform(session, intent, step, input, interpretations);
    }
    const repeated =
      step.kind === 'elicit'
        ? session.dialogAction?.type === 'ElicitSlot' &&
          session.dialogAction.slotToElicit === step.slot
        : step.kind === 'confirm' && session.dialogAction?.type === 'ConfirmIntent';
    const attempt = repeated && session.attempt > 0 ? `Retry${session.attempt}` : 'Initial';
    const proposedAction: DialogAction | undefined =
      step.kind === 'elicit'
        ? { type: 'ElicitSlot', slotToElicit: step.slot }
        : step.kind === 'confirm'
          ? { type: 'ConfirmIntent' }
          : step.kind === 'decline'
            ? { type: 'Close' }
            : undefined;
    const event = this.event(session, intent, input, interpretations, 'DialogCodeHook');
    if (proposedAction) {
      event.proposedNextState = { dialogAction: proposedAction, intent, prompt: { attempt } };
    }
    const response = await this.callHook(lambdaArn, event);
    return this.applyHookResponse(session, response, input, interpretations, false);
  }

  private async applyHookResponse(
    session: Session,
    response: CodeHookResponse,
    input: TurnInput,
    interpretations: Interpretation[],
    fulfilment: boolean,
  ): Promise<TurnResult> {
    const { dialogAction } = response.sessionState;
    const attributes = response.sessionState.sessionAttributes ?? session.sessionAttributes;
    const updated: Session = { ...session, sessionAttributes: attributes };
    const messages = (response.messages ?? []) as LexMessage[];

    if (dialogAction.type === 'ElicitIntent') {
      const last = response.sessionState.intent
        ? this.hookIntent(response.sessionState.intent)
        : undefined;
      return this.finish(
        { ...updated, intent: last, dialogAction: { type: 'ElicitIntent' }, attempt: 0 },
        messages,
        interpretations,
      );
    }
    // The schema guarantees an intent for every other dialog action.
    const intent = this.hookIntent(response.sessionState.intent ?? { name: this.fallback.name });
    const definition = this.intentDefinition(intent.name);

    switch (dialogAction.type) {
      case 'Delegate': {
        if (fulfilment) {
          const done = { ...intent, state: 'Fulfilled' as const };
          return this.close(
            updated,
            done,
            renderGroups(definition?.closingResponse, done.slots, attributes),
            interpretations,
          );
        }
        return this.perform(updated, intent, this.nextStep(intent), input, interpretations);
      }
      case 'ElicitSlot': {
        const slotName = dialogAction.slotToElicit ?? '';
        const slot = definition?.slots.find((s) => s.name === slotName);
        if (!slot) {
          throw invalidResponse(`slotToElicit ${slotName} is not a slot of ${intent.name}`);
        }
        const sameQuestion =
          session.dialogAction?.type === 'ElicitSlot' &&
          session.dialogAction.slotToElicit === slotName;
        return this.finish(
          {
            ...updated,
            intent: { ...intent, state: 'InProgress' },
            dialogAction: { type: 'ElicitSlot', slotToElicit: slotName },
            attempt: sameQuestion ? session.attempt : 0,
          },
          messages.length > 0
            ? messages
            : renderGroups(slot.prompt?.groups, intent.slots, attributes, session.attempt),
          interpretations,
        );
      }
      case 'ConfirmIntent':
        return this.finish(
          {
            ...updated,
            intent: { ...intent, state: 'InProgress', confirmationState: 'None' },
            dialogAction: { type: 'ConfirmIntent' },
            attempt: session.dialogAction?.type === 'ConfirmIntent' ? session.attempt : 0,
          },
          messages,
          interpretations,
        );
      case 'Close': {
        const state = intent.state === 'InProgress' ? 'Fulfilled' : intent.state;
        const closed = { ...intent, state };
        const fallbackMessages =
          state === 'Failed'
            ? renderGroups(definition?.fulfillmentFailureResponse, closed.slots, attributes)
            : renderGroups(definition?.closingResponse, closed.slots, attributes);
        return this.close(
          updated,
          closed,
          messages.length > 0 ? messages : fallbackMessages,
          interpretations,
        );
      }
    }
  }

  /** Does what Lex does on its own for a step: ask, confirm, decline or fulfil. */
  private async perform(
    session: Session,
    intent: SessionIntent,
    step: Step,
    input: TurnInput,
    interpretations: Interpretation[],
  ): Promise<TurnResult> {
    const definition = this.intentDefinition(intent.name);
    const attributes = session.sessionAttributes;
    switch (step.kind) {
      case 'elicit': {
        const slot = definition?.slots.find((s) => s.name === step.slot);
        const repeated =
          session.dialogAction?.type === 'ElicitSlot' &&
          session.dialogAction.slotToElicit === step.slot;
        const attempt = repeated ? session.attempt : 0;
        return this.finish(
          {
            ...session,
            intent: { ...intent, state: 'InProgress' },
            dialogAction: { type: 'ElicitSlot', slotToElicit: step.slot },
            attempt,
          },
          renderGroups(slot?.prompt?.groups, intent.slots, attributes, attempt),
          interpretations,
        );
      }
      case 'confirm': {
        const prompt = definition?.confirmation?.prompt as PromptDefinition;
        const attempt = session.dialogAction?.type === 'ConfirmIntent' ? session.attempt : 0;
        return this.finish(
          {
            ...session,
            intent: { ...intent, state: 'InProgress' },
            dialogAction: { type: 'ConfirmIntent' },
            attempt,
          },
          renderGroups(prompt.groups, intent.slots, attributes, attempt),
          interpretations,
        );
      }
      case 'decline': {
        const failed = { ...intent, state: 'Failed' as const };
        return this.close(
          session,
          failed,
          renderGroups(definition?.confirmation?.declinationResponse, intent.slots, attributes),
          interpretations,
        );
      }
      case 'fulfil': {
        const ready = { ...intent, state: 'ReadyForFulfillment' as const };
        const lambdaArn = this.lambdaArn;
        if (!definition?.fulfillmentCodeHook || !lambdaArn) {
          const done = { ...intent, state: 'Fulfilled' as const };
          return this.close(
            session,
            done,
            renderGroups(definition?.closingResponse, done.slots, attributes),
            interpretations,
          );
        }
        const event = this.event(session, ready, input, interpretations, 'FulfillmentCodeHook');
        const response = await this.callHook(lambdaArn, event);
        return this.applyHookResponse(session, response, input, interpretations, true);
      }
    }
  }

  private fail(
    session: Session,
    intent: SessionIntent,
    response: IntentDefinition['fulfillmentFailureResponse'],
    interpretations: Interpretation[],
  ): TurnResult {
    const failed = { ...intent, state: 'Failed' as const };
    return this.close(
      session,
      failed,
      renderGroups(response, failed.slots, session.sessionAttributes),
      interpretations,
    );
  }

  private close(
    session: Session,
    intent: SessionIntent,
    messages: LexMessage[],
    interpretations: Interpretation[],
  ): TurnResult {
    return this.finish(
      { ...session, intent, dialogAction: { type: 'Close' }, attempt: 0 },
      messages,
      interpretations,
    );
  }

  private finish(session: Session, messages: LexMessage[], interpretations: Interpretation[]) {
    // The interpretation of the intent the turn ended in reflects how it ended.
    const final = session.intent;
    const ranked = final
      ? interpretations.map((i) => (i.intent.name === final.name ? { ...i, intent: final } : i))
      : interpretations;
    const done: Session = { ...session, messages, interpretations: ranked };
    return { session: done, messages, interpretations: ranked };
  }

  private event(
    session: Session,
    intent: SessionIntent,
    input: TurnInput,
    interpretations: Interpretation[],
    invocationSource: CodeHookEvent['invocationSource'],
  ): CodeHookEvent {
    return {
      messageVersion: '1.0',
      invocationSource,
      inputMode: 'Text',
      responseContentType: input.responseContentType,
      sessionId: session.sessionId,
      inputTranscript: input.text,
      bot: {
        id: this.bot.id,
        name: this.bot.name,
        aliasId: this.alias.aliasId,
        aliasName: this.alias.aliasName,
        localeId: this.locale.localeId,
        version: this.alias.botVersion,
      },
      interpretations: interpretations.map((interpretation) => ({
        intent: interpretation.intent.name === intent.name ? intent : interpretation.intent,
        ...(interpretation.nluConfidence === undefined
          ? {}
          : { nluConfidence: interpretation.nluConfidence }),
        interpretationSource: 'Lex',
      })),
      requestAttributes: input.requestAttributes,
      sessionState: {
        sessionAttributes: session.sessionAttributes,
        activeContexts: [],
        intent,
        originatingRequestId: input.requestId,
      },
    };
  }

  private async callHook(lambdaArn: string, event: CodeHookEvent): Promise<CodeHookResponse> {
    const payload = await this.invoke(lambdaArn, event);
    const parsed = CodeHookResponseSchema.safeParse(payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw invalidResponse(
        `${issue?.path.join('.') || 'response'}: ${issue?.message ?? 'does not match'}`,
      );
    }
    const intent = parsed.data.sessionState.intent;
    if (intent) {
      const definition = this.intentDefinition(intent.name);
      if (!definition) throw invalidResponse(`intent ${intent.name} is not in the bot`);
      const known = new Set(definition.slots.map((slot) => slot.name));
      const unknown = Object.keys(intent.slots ?? {}).find((name) => !known.has(name));
      if (unknown) throw invalidResponse(`slot ${unknown} is not a slot of ${intent.name}`);
    }
    return parsed.data;
  }

  /** The hook's intent as the session keeps it: every slot present, shapes explicit. */
  private hookIntent(intent: {
    name: string;
    slots?: Record<string, HookSlot | null> | null;
    state?: SessionIntent['state'];
    confirmationState?: SessionIntent['confirmationState'];
  }): SessionIntent {
    const base = this.emptyIntent(intent.name);
    const slots: Record<string, Slot | null> = { ...base.slots };
    for (const [name, slot] of Object.entries(intent.slots ?? {})) {
      slots[name] = slot ? normalizeSlot(slot) : null;
    }
    return {
      name: intent.name,
      slots,
      state: intent.state ?? 'InProgress',
      confirmationState: intent.confirmationState ?? 'None',
    };
  }
}

function normalizeSlot(slot: HookSlot): Slot {
  const value = (v: {
    originalValue?: string;
    interpretedValue: string;
    resolvedValues?: string[];
  }) => ({
    originalValue: v.originalValue ?? v.interpretedValue,
    interpretedValue: v.interpretedValue,
    resolvedValues: v.resolvedValues ?? [v.interpretedValue],
  });
  if (slot.shape === 'List') {
    return {
      shape: 'List',
      ...(slot.value ? { value: value(slot.value) } : {}),
      values: slot.values.map((v) => ({ shape: 'Scalar' as const, value: value(v.value) })),
    };
  }
  return { shape: 'Scalar', value: value(slot.value) };
}

function invalidResponse(detail: string): LexError {
  return new LexError('DependencyFailedException', `Invalid Lambda Response: ${detail}`);
}
