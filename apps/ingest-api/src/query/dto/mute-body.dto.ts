import { HAS_NUL, MAX_MUTE_NOTE_LENGTH, MAX_MUTE_TEMPLATE_LENGTH } from '@logad/contracts';
import { IsOptional } from 'class-validator';
import { Rule } from './query-params';

/** `PUT /api/v1/templates/:id/mute`: the template's text (shown in lists and alerts) and why. */
export class MuteBodyDto {
  @Rule(
    'isTemplate',
    `template must be a non-empty string of at most ${MAX_MUTE_TEMPLATE_LENGTH} characters without NUL`,
    (v) => typeof v === 'string' && v.length > 0 && v.length <= MAX_MUTE_TEMPLATE_LENGTH && !HAS_NUL.test(v),
  )
  template!: string;

  @IsOptional()
  @Rule(
    'isNote',
    `note must be a string of at most ${MAX_MUTE_NOTE_LENGTH} characters without NUL`,
    (v) => typeof v === 'string' && v.length <= MAX_MUTE_NOTE_LENGTH && !HAS_NUL.test(v),
  )
  note?: string | null;
}
