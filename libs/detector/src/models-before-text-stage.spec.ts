import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LogAnomalyDetector } from './line/log-anomaly-detector';
import { SessionDetector } from './session/session-detector';

// Models saved by the build before the one text stage (commit f2013a4), with the predictions it gave: they
// carry their own mask rules (TF-IDF's typed <NUM>/<IP> set), so a new build must read them exactly as before.
const saved = JSON.parse(readFileSync(join(__dirname, '../fixtures/models-before-text-stage.json'), 'utf8'));

describe('models saved before the one text stage', () => {
  it('the line model loads and scores every line as it did, explanations included', () => {
    const model = LogAnomalyDetector.fromJSON(saved.line);
    expect(model.score(saved.lineTest, { explain: true })).toEqual(saved.linePredictions);
  });

  it('the session model loads and scores every session as it did', () => {
    const model = SessionDetector.fromJSON(saved.session);
    expect(model.score(saved.sessionTest)).toEqual(saved.sessionPredictions);
  });
});
