// HTTP bench target (child process): the textbook NestJS way — a Nest app on Fastify whose route
// validates the array body with ValidationPipe + class-validator on every item (ParseArrayPipe
// runs a ValidationPipe per item against @logad/contracts' CreateLogDto), then answers 202.
import 'reflect-metadata';
import { CreateLogDto } from '@logad/contracts';
import { Body, Controller, HttpCode, Module, ParseArrayPipe, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';

@Controller('api/v1/logs')
class LogsController {
  @Post()
  @HttpCode(202)
  ingest(@Body(new ParseArrayPipe({ items: CreateLogDto })) logs: CreateLogDto[]): { accepted: number } {
    return { accepted: logs.length };
  }
}

@Module({ controllers: [LogsController] })
class BenchModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create<NestFastifyApplication>(BenchModule, new FastifyAdapter({ bodyLimit: 10 * 1024 * 1024, logger: false }), {
    logger: false,
  });
  await app.listen(0, '127.0.0.1');
  process.stdout.write(`READY ${(app.getHttpServer().address() as { port: number }).port}\n`);
}

main().catch((err: Error) => {
  process.stderr.write(`nest-class-validator target failed: ${err.message}\n`);
  process.exit(1);
});
