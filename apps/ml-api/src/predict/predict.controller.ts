import { ModelInfo, PredictBatchDto, PredictBatchResult, PredictDto, Prediction } from '@logad/contracts';
import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ModelService } from '../model/model.service';

/** Scores messages with the served model. */
@Controller()
export class PredictController {
  constructor(private readonly models: ModelService) {}

  /** One message: the seed's contract, plus a 0–100 score, an explanation and the model version. */
  @Post('predict')
  @HttpCode(200)
  predict(@Body() dto: PredictDto): Prediction & { model_version: string } {
    const model = this.models.require();
    return { ...model.score([dto.message])[0], model_version: model.version };
  }

  /** Many messages, answered in order; `levels`, when given, lines up with `messages`. */
  @Post('predict/batch')
  @HttpCode(200)
  predictBatch(@Body() dto: PredictBatchDto): PredictBatchResult {
    const model = this.models.require();
    const levels = dto.levels;
    const events = levels ? dto.messages.map((message, i) => ({ message, level: levels[i] ?? null })) : dto.messages;
    return { model_version: model.version, results: model.score(events) };
  }

  @Get('model')
  model(): ModelInfo {
    const info = this.models.require().info();
    return { ...info };
  }
}
