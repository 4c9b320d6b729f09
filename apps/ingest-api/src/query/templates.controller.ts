import { Mute, TemplateStat } from '@logad/contracts';
import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { MuteBodyDto } from './dto/mute-body.dto';
import { TemplateIdParamDto } from './dto/template-id-param.dto';
import { TemplatesQueryDto } from './dto/templates-query.dto';
import { StorageConnection } from './storage-connection';
import { validate } from './validate';

/** Template statistics, and muting templates that are known false positives. */
@Controller('api/v1')
export class TemplatesController {
  constructor(private readonly store: StorageConnection) {}

  /** Templates by count over the window, each saying whether it is muted or confirmed. */
  @Get('templates')
  async templates(@Query(validate) q: TemplatesQueryDto): Promise<Array<TemplateStat & { muted: boolean; confirmed: boolean }>> {
    const [queries, verdicts] = await Promise.all([this.store.queries(), this.store.feedback()]);
    const [stats, feedback] = await Promise.all([
      queries.templateStats({ since: q.since, until: q.until, source: q.source, limit: q.limit, newSince: q.new_since }),
      verdicts.listFeedback(),
    ]);
    const verdict = new Map(feedback.map((f) => [f.template_id, f.verdict]));
    return stats.map((t) => ({ ...t, muted: verdict.get(t.template_id) === 'mute', confirmed: verdict.get(t.template_id) === 'confirm' }));
  }

  /** Mutes a template: its anomalies are still stored and listed, but raise no alert. */
  @Put('templates/:id/mute')
  @HttpCode(200)
  async mute(@Param(validate) p: TemplateIdParamDto, @Body(validate) body: MuteBodyDto): Promise<Mute> {
    return (await this.store.feedback()).muteTemplate(p.id, body.template, body.note);
  }

  /** Lifts a mute; 204 whether or not the template was muted (the end state is the same). */
  @Delete('templates/:id/mute')
  @HttpCode(204)
  async unmute(@Param(validate) p: TemplateIdParamDto): Promise<void> {
    await (await this.store.feedback()).unmuteTemplate(p.id);
  }

  /** Every muted template, most recently muted first. */
  @Get('mutes')
  async mutes(): Promise<Mute[]> {
    return (await this.store.feedback()).listMutes();
  }
}
