import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { availableParallelism, loadavg, totalmem } from "node:os";

export interface MachineInfo {
  nproc: number;
  cpuModel: string;
  /** `free -h`'s Mem line, or the total from os.totalmem(). */
  memory: string;
  node: string;
  platform: string;
  /** 1-minute load average when the bench started (other work on the machine skews the figures). */
  loadAverage: number;
}

/** The machine the bench ran on, as the README's Performance section reports it. */
export function machineInfo(): MachineInfo {
  let cpuModel = "unknown";
  try {
    cpuModel = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1]?.trim() ?? cpuModel;
  } catch {
    // not Linux
  }
  let memory = `${(totalmem() / 2 ** 30).toFixed(1)} GiB total`;
  try {
    const mem = execFileSync("free", ["-h"], { encoding: "utf8" }).split("\n").find((line) => line.startsWith("Mem:"));
    if (mem) memory = mem.replace(/\s+/g, " ").trim();
  } catch {
    // no `free`
  }
  return {
    nproc: availableParallelism(),
    cpuModel,
    memory,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverage: Number(loadavg()[0]?.toFixed(2)),
  };
}
