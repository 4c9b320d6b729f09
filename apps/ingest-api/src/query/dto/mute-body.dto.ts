import { HAS_NUL, MAX_MUTE_TEMPLATE_LENGTH } from '@logad/contracts';
import { NoteBodyDto } from './note-body.dto';
import { Rule } from './query-params';

/** `PUT /api/v1/templates/:id/mute` (and `/confirm`): the template's text (shown in lists and alerts) and why. */
export class MuteBodyDto extends NoteBodyDto {
  @Rule(
    'isTemplate',
    `template must be a non-empty string of at most ${MAX_MUTE_TEMPLATE_LENGTH} characters without NUL`,
    (v) => typeof v === 'string' && v.length > 0 && v.length <= MAX_MUTE_TEMPLATE_LENGTH && !HAS_NUL.test(v),
  )
  template!: string;
}
