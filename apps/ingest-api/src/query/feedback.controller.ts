import { TemplateFeedback, derivedTemplateId } from '@logad/contracts';
import { Body, Controller, Delete, Get, HttpCode, NotFoundException, Param, Post, Put, UnprocessableEntityException } from '@nestjs/common';
import { MuteBodyDto } from './dto/mute-body.dto';
import { NoteBodyDto } from './dto/note-body.dto';
import { RecordIdParamDto } from './dto/record-id-param.dto';
import { TemplateIdParamDto } from './dto/template-id-param.dto';
import { StorageConnection } from './storage-connection';
import { validate } from './validate';

/**
 * Confirming templates as real incidents, and every verdict (mutes and confirmations) at once.
 * The mute routes stay in {@link TemplatesController}, answering as they always did. Writes need
 * the `admin` scope (every non-GET route does).
 */
@Controller('api/v1')
export class FeedbackController {
  constructor(private readonly store: StorageConnection) {}

  /** Confirms a template: its lines are stored as anomalies and alert; it replaces a mute. */
  @Put('templates/:id/confirm')
  @HttpCode(200)
  async confirm(@Param(validate) p: TemplateIdParamDto, @Body(validate) body: MuteBodyDto): Promise<TemplateFeedback> {
    return (await this.store.feedback()).giveFeedback('confirm', p.id, body.template, body.note);
  }

  /** Withdraws a confirmation; 204 whether or not the template was confirmed. */
  @Delete('templates/:id/confirm')
  @HttpCode(204)
  async unconfirm(@Param(validate) p: TemplateIdParamDto): Promise<void> {
    await (await this.store.feedback()).withdrawFeedback('confirm', p.id);
  }

  /** Confirms the template of a stored record (an alert's, an anomaly row's). */
  @Post('records/:id/confirm')
  @HttpCode(200)
  async confirmRecord(@Param(validate) p: RecordIdParamDto, @Body(validate) body: NoteBodyDto = {}): Promise<TemplateFeedback> {
    const record = (await (await this.store.queries()).around(p.id, 0, 0))[0];
    if (!record) throw new NotFoundException(`no stored record has id ${p.id}`);
    if (!record.template) throw new UnprocessableEntityException(`record ${p.id} has no template to confirm (it was stored without one)`);
    // A template the model did not know is named by its text's id, as mutes and the dashboard name it.
    return (await this.store.feedback()).giveFeedback('confirm', record.template_id ?? derivedTemplateId(record.template), record.template, body?.note);
  }

  /** Every verdict (`mute` and `confirm`), most recent first. */
  @Get('feedback')
  async feedback(): Promise<TemplateFeedback[]> {
    return (await this.store.feedback()).listFeedback();
  }
}
