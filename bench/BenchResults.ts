import type { BenchOptions } from "./BenchOptions.js";
import type { ContentionResult } from "./contention.js";
import type { FreshProcessResult } from "./freshProcess.js";
import type { MachineInfo } from "./machineInfo.js";
import type { RoleCacheResult } from "./roleCache.js";
import type { TargetCheck } from "./targets.js";
import type { WarmResult } from "./warm.js";
import type { WorkingDayResult } from "./workingDay.js";

/** Everything one `npm run bench` measured: what bench/results.json holds. */
export interface BenchResults {
  startedAt: string;
  durationSeconds: number;
  machine: MachineInfo;
  /** The 1-minute load average when the bench ended. */
  loadAverageAtEnd: number;
  options: BenchOptions;
  contention?: ContentionResult[];
  freshProcess?: FreshProcessResult;
  warm?: WarmResult;
  workingDay?: WorkingDayResult;
  roleCache?: RoleCacheResult;
  targets: TargetCheck[];
}
