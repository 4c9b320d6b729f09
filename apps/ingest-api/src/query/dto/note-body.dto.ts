import { HAS_NUL, MAX_MUTE_NOTE_LENGTH } from '@logad/contracts';
import { IsOptional } from 'class-validator';
import { Rule } from './query-params';

/** `POST /api/v1/records/:id/confirm`: why (optional); the template is the record's own. The mute and confirm bodies add the template. */
export class NoteBodyDto {
  @IsOptional()
  @Rule(
    'isNote',
    `note must be a string of at most ${MAX_MUTE_NOTE_LENGTH} characters without NUL`,
    (v) => typeof v === 'string' && v.length <= MAX_MUTE_NOTE_LENGTH && !HAS_NUL.test(v),
  )
  note?: string | null;
}
