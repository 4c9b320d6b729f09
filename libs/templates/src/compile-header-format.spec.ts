import { compileHeaderFormat } from './compile-header-format';
import { InvalidArgumentError } from './errors/invalid-argument.error';
import { InvalidHeaderFormatError } from './errors/invalid-header-format.error';
import { stripHeader } from './strip-header';

describe('compileHeaderFormat + stripHeader', () => {
  it('splits an HDFS line into fields and content', () => {
    const f = compileHeaderFormat('<Date> <Time> <Pid> <Level> <Component>: <Content>');
    expect(f.fields).toEqual(['Date', 'Time', 'Pid', 'Level', 'Component', 'Content']);
    expect(stripHeader('081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block blk_38 terminating', f)).toEqual({
      content: 'PacketResponder 1 for block blk_38 terminating',
      fields: { Date: '081109', Time: '203615', Pid: '148', Level: 'INFO', Component: 'dfs.DataNode$PacketResponder' },
    });
  });

  it('handles an optional group (Linux [PID]) and trims the line', () => {
    const f = compileHeaderFormat('<Month> <Date> <Time> <Level> <Component>(\\[<PID>\\])?: <Content>');
    expect(stripHeader('Jun 14 15:16:01 combo sshd(pam_unix)[19939]: check pass; user unknown  ', f)).toEqual({
      content: 'check pass; user unknown',
      fields: { Month: 'Jun', Date: '14', Time: '15:16:01', Level: 'combo', Component: 'sshd(pam_unix)', PID: '19939' },
    });
    expect(stripHeader('Jun 15 04:06:20 combo logrotate: ALERT exited abnormally with [1]', f)).toEqual({
      content: 'ALERT exited abnormally with [1]',
      fields: { Month: 'Jun', Date: '15', Time: '04:06:20', Level: 'combo', Component: 'logrotate', PID: '' },
    });
  });

  it('handles escaped brackets, pipes and runs of spaces (Proxifier, HealthApp, Zookeeper)', () => {
    const proxifier = compileHeaderFormat('\\[<Time>\\] <Program> - <Content>');
    expect(stripHeader('[10.30 16:49:06] chrome.exe *64 - t12.baidu.com:80 open through proxy', proxifier)?.fields.Program).toBe('chrome.exe *64');
    const health = compileHeaderFormat('<Time>\\|<Component>\\|<Pid>\\|<Content>');
    expect(stripHeader('20171223-22:15:29:606|Step_LSC|30002312|onStandStepChanged 3579', health)?.content).toBe('onStandStepChanged 3579');
    const zk = compileHeaderFormat('<Date> <Time> - <Level>  \\[<Node>:<Component>@<Id>\\] - <Content>');
    const r = stripHeader('2015-07-29 19:04:12,394 - INFO  [/10.10.34.11:3888:QuorumCnxManager$Listener@493] - Received connection request /10.10.34.11:45307', zk);
    expect(r?.content).toBe('Received connection request /10.10.34.11:45307');
    expect(r?.fields.Level).toBe('INFO');
    expect(r?.fields.Id).toBe('493');
  });

  it('returns null for a line that does not match', () => {
    const f = compileHeaderFormat('\\[<Time>\\] <Program> - <Content>');
    expect(stripHeader('no brackets here', f)).toBeNull();
    expect(stripHeader('', f)).toBeNull();
  });

  it('rejects formats without <Content>, with duplicate or odd names, or invalid regex', () => {
    expect(() => compileHeaderFormat('<Date> <Time>')).toThrow(InvalidHeaderFormatError);
    expect(() => compileHeaderFormat('<Date> <Time>')).toThrow('compileHeaderFormat requires a <Content> field');
    expect(() => compileHeaderFormat('<Date> <Date> <Content>')).toThrow(InvalidHeaderFormatError);
    expect(() => compileHeaderFormat('<Log Level> <Content>')).toThrow(InvalidHeaderFormatError);
    expect(() => compileHeaderFormat('(<Date> <Content>')).toThrow(InvalidHeaderFormatError);
    expect(() => compileHeaderFormat(42 as unknown as string)).toThrow(InvalidHeaderFormatError);
    expect(() => stripHeader(7 as unknown as string, compileHeaderFormat('<Content>'))).toThrow(InvalidArgumentError);
  });
});
