/**
 * LogHub's standard header formats of the eight Loghub-2k systems (as in logpai/logparser's benchmark
 * settings). They describe each system's log layout: evaluation configuration, not product defaults.
 */
export const LOGHUB_FORMATS = {
  HDFS: '<Date> <Time> <Pid> <Level> <Component>: <Content>',
  Hadoop: '<Date> <Time> <Level> \\[<Process>\\] <Component>: <Content>',
  Spark: '<Date> <Time> <Level> <Component>: <Content>',
  Zookeeper: '<Date> <Time> - <Level>  \\[<Node>:<Component>@<Id>\\] - <Content>',
  BGL: '<Label> <Timestamp> <Date> <Node> <Time> <NodeRepeat> <Type> <Component> <Level> <Content>',
  HealthApp: '<Time>\\|<Component>\\|<Pid>\\|<Content>',
  Linux: '<Month> <Date> <Time> <Level> <Component>(\\[<PID>\\])?: <Content>',
  Proxifier: '\\[<Time>\\] <Program> - <Content>',
} as const;

export type LoghubSystem = keyof typeof LOGHUB_FORMATS;

export const LOGHUB_SYSTEMS = Object.keys(LOGHUB_FORMATS) as LoghubSystem[];

/** Drain's published grouping accuracy on Loghub-2k (He et al., ICWS 2017; LogPAI benchmark, ICSE-SEIP 2019). */
export const DRAIN_ACCURACY: Readonly<Record<LoghubSystem, number>> = {
  HDFS: 0.9975,
  Hadoop: 0.9475,
  Spark: 0.92,
  Zookeeper: 0.9665,
  BGL: 0.9625,
  HealthApp: 0.78,
  Linux: 0.69,
  Proxifier: 0.5265,
};
