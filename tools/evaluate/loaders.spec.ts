import { groupingOf } from './run-grouping-evaluation';
import { parseBglLines } from './parse-bgl-lines';
import { parseCsv } from './parse-csv';
import { parseHdfsSessions } from './parse-hdfs-sessions';
import { labelValue, parseJsonl } from './parse-jsonl';

describe('parseBglLines', () => {
  it('strips the label token and reads level and component from the header', () => {
    const text = [
      '- 1117838570 2005.06.03 R02-M1-N0-C:J12-U11 2005-06-03-15.42.50.675872 R02-M1-N0-C:J12-U11 RAS KERNEL INFO instruction cache parity error corrected',
      'KERNDTLB 1118536327 2005.06.11 R30-M0-N9-C:J16-U01 2005-06-11-17.32.07.581048 R30-M0-N9-C:J16-U01 RAS KERNEL FATAL data TLB error interrupt',
      '',
    ].join('\n');
    const d = parseBglLines(text);
    expect(d.labels).toEqual([0, 1]);
    expect(d.events).toEqual([
      { message: 'instruction cache parity error corrected', level: 'INFO', source: 'KERNEL' },
      { message: 'data TLB error interrupt', level: 'FATAL', source: 'KERNEL' },
    ]);
    expect(JSON.stringify(d.events)).not.toContain('KERNDTLB');
  });
});

describe('parseCsv', () => {
  it('handles quotes, doubled quotes, commas and CRLF', () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi"""\n3,\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['3', ''],
    ]);
  });
});

describe('parseHdfsSessions', () => {
  it('groups lines by block id in order of first appearance, with the csv labels', () => {
    const log = [
      '081109 203518 143 INFO dfs.DataNode$DataXceiver: Receiving block blk_-1608999687919862906 src: /10.250.19.102:54106 dest: /10.250.19.102:50010',
      '081109 203518 35 INFO dfs.FSNamesystem: BLOCK* NameSystem.allocateBlock: /mnt/hadoop/job.jar. blk_7503483334202473044',
      '081109 203519 143 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block blk_-1608999687919862906 terminating',
      '081109 203520 145 WARN dfs.DataNode: a line without any block',
      '081109 203521 145 INFO dfs.DataNode: Receiving block blk_999 src: /1.2.3.4:1 dest: /1.2.3.4:2',
    ].join('\n');
    const labels = 'BlockId,Label\nblk_-1608999687919862906,Normal\nblk_7503483334202473044,Anomaly\n';
    const s = parseHdfsSessions(log, labels, /blk_-?\d+/);
    expect(s.map((x) => [x.key, x.label, x.events.length])).toEqual([
      ['blk_-1608999687919862906', 0, 2],
      ['blk_7503483334202473044', 1, 1],
    ]);
    expect(s[0].events[1]).toEqual({
      message: 'PacketResponder 1 for block blk_-1608999687919862906 terminating',
      level: 'INFO',
      source: 'dfs.DataNode$PacketResponder',
      timestamp: Date.UTC(2008, 10, 9, 20, 35, 19), // 081109 203519, read as UTC
    });
  });
});

describe('parseJsonl', () => {
  it('reads message, label, level and sessions', () => {
    const text = [
      '{"message":"a","label":0,"trace":"t1","level":"INFO"}',
      '{"message":"b","label":"anomaly","trace":"t1"}',
      '{"message":"c","label":false,"trace":"t2"}',
    ].join('\n');
    const d = parseJsonl(text, { messageField: 'message', labelField: 'label', sessionField: 'trace' });
    expect(d.lines.labels).toEqual([0, 1, 0]);
    expect(d.lines.events[0]).toEqual({ message: 'a', level: 'INFO', source: null });
    expect(d.sessions?.map((s) => [s.key, s.label, s.events.length])).toEqual([
      ['t1', 1, 2],
      ['t2', 0, 1],
    ]);
    expect(() => parseJsonl('{"text":"x"}', { messageField: 'message', labelField: 'label', sessionField: null })).toThrow(/no string field 'message'/);
  });

  it('understands the usual ways of writing a label', () => {
    expect([true, 1, '1', 'Anomaly', 'abnormal', 'yes'].map(labelValue)).toEqual([1, 1, 1, 1, 1, 1]);
    expect([false, 0, '0', 'Normal', '-', null, undefined].map(labelValue)).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });
});

describe('groupingOf', () => {
  it('scores the template miner with LogHub grouping accuracy', () => {
    const csv = [
      'LineId,Content,EventId,EventTemplate',
      '1,Connection from 10.0.0.1 closed,E1,Connection from <*> closed',
      '2,Connection from 10.0.0.2 closed,E1,Connection from <*> closed',
      '3,Disk /dev/sda1 full,E2,Disk <*> full',
      '4,Disk /dev/sdb2 full,E2,Disk <*> full',
      '5,Shutting down,E3,Shutting <*>',
    ].join('\n');
    const g = groupingOf(csv, 'Tiny');
    // the last line is grouped right but its (deliberately wrong) true template differs: PA 4/5
    expect(g).toMatchObject({ system: 'Tiny', lines: 5, trueTemplates: 3, foundTemplates: 3, groupingAccuracy: 1 });
    expect(g.parsingAccuracy).toBeCloseTo(4 / 5, 12);
  });

  it('reports no parsing accuracy for a csv without EventTemplate', () => {
    const g = groupingOf(['LineId,Content,EventId', '1,Shutting down,E3'].join('\n'), 'Tiny');
    expect(g.parsingAccuracy).toBeNull();
  });
});
