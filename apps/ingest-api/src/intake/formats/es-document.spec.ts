import { esDocumentToLog } from './es-document';

describe('esDocumentToLog', () => {
  it('maps ECS flattened and nested, keeping the rest of nested objects', () => {
    expect(esDocumentToLog({ '@timestamp': '2026-01-01T00:00:00Z', message: 'm', 'log.level': 'warn', 'service.name': 'pay', x: 1 })).toEqual({
      message: 'm',
      timestamp: '2026-01-01T00:00:00Z',
      level: 'warn',
      source: 'pay',
      attributes: { x: 1 },
    });
    expect(esDocumentToLog({ message: 'm', log: { level: 'error', logger: 'l' }, service: { name: 'pay', version: '1' } })).toEqual({
      message: 'm',
      level: 'error',
      source: 'pay',
      attributes: { log: { logger: 'l' }, service: { version: '1' } },
    });
  });
  it("maps plain loggers' fields and winston-elasticsearch's severity and fields", () => {
    expect(esDocumentToLog({ msg: 'm', level: 30, time: 1700000000000, service: 'b' })).toEqual({
      message: 'm',
      level: 'INFO',
      timestamp: 1700000000000,
      source: 'b',
    });
    expect(esDocumentToLog({ '@timestamp': 't', message: 'm', severity: 'info', fields: { service: 'shop', order: 1 } })).toEqual({
      message: 'm',
      timestamp: 't',
      level: 'info',
      source: 'shop',
      attributes: { order: 1 },
    });
  });
});
