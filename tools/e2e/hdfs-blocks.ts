// HDFS blocks as a DataNode and the NameNode log them: the sessions the session e2e suites train and send.

/** The life of one HDFS block when all goes well, as a DataNode and the NameNode log it. */
export function healthyBlock(blk: string, i: number): string[] {
  const a = `10.251.${i % 200}.${(i * 7) % 250}`;
  const b = `10.250.${(i * 3) % 200}.${(i * 11) % 250}`;
  return [
    `BLOCK* NameSystem.allocateBlock: /user/root/rand/_temporary/part-${i % 97} ${blk}`,
    `Receiving block ${blk} src: /${a}:50010 dest: /${b}:50010`,
    `Receiving block ${blk} src: /${a}:${40000 + (i % 999)} dest: /${b}:50010`,
    `PacketResponder 1 for block ${blk} terminating`,
    `Received block ${blk} of size ${67108864 - (i % 5) * 1024} from /${a}`,
    `BLOCK* NameSystem.addStoredBlock: blockMap updated: ${b}:50010 is added to ${blk} size 67108864`,
  ];
}
