import { IntIn } from './query-params';

/** The `:id` of `/api/v1/templates/:id/mute`: a template id as the model hands them out. */
export class TemplateIdParamDto {
  @IntIn('id', -(2 ** 31 - 1), 2 ** 31 - 1)
  id!: number;
}
