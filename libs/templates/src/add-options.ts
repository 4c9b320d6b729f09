import type { MaskedText } from '@logad/text';

/** How {@link TemplateMiner.add} and `match` read one message. */
export interface AddOptions {
  /**
   * The message as this miner's mask rules leave it ({@link TemplateMiner.maskText}, or any stage
   * masking with equal rules): saves masking it again. Ignored when another Masker made it.
   */
  readonly masked?: MaskedText | null;
  /**
   * Read the message's text at each variable of its template into `parameters`; false leaves
   * `parameters` empty (an online stage that only counts templates never reads them).
   * @defaultValue true
   */
  readonly parameters?: boolean;
}
