/**
 * The parts of Kubernetes objects the status model reads, as plain structural types. Objects from
 * @kubernetes/client-node (Date timestamps) and raw JSON (string timestamps) both fit, so src/core
 * never imports the client library.
 */
export type Timestamp = Date | string;

export interface ObjectMetaLike {
  readonly name?: string;
  readonly namespace?: string;
  readonly uid?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly creationTimestamp?: Timestamp;
  readonly deletionTimestamp?: Timestamp;
  readonly resourceVersion?: string;
  readonly ownerReferences?: readonly {readonly kind?: string; readonly name?: string}[];
}

export interface ContainerStateLike {
  readonly waiting?: {readonly reason?: string; readonly message?: string};
  readonly running?: {readonly startedAt?: Timestamp};
  readonly terminated?: {
    readonly reason?: string;
    readonly message?: string;
    readonly exitCode?: number;
    readonly signal?: number;
    readonly finishedAt?: Timestamp;
  };
}

export interface ContainerStatusLike {
  readonly name?: string;
  readonly ready?: boolean;
  readonly started?: boolean;
  readonly restartCount?: number;
  readonly image?: string;
  readonly state?: ContainerStateLike;
  readonly lastState?: ContainerStateLike;
}

export interface PodConditionLike {
  readonly type?: string;
  readonly status?: string;
  readonly reason?: string;
  readonly message?: string;
}

export interface PodLike {
  readonly metadata?: ObjectMetaLike;
  readonly spec?: {
    readonly nodeName?: string;
    readonly containers?: readonly {readonly name?: string; readonly image?: string}[];
    readonly initContainers?: readonly {readonly name?: string; readonly restartPolicy?: string}[];
    readonly volumes?: readonly {readonly persistentVolumeClaim?: {readonly claimName?: string}}[];
  };
  readonly status?: {
    readonly phase?: string;
    readonly reason?: string;
    readonly message?: string;
    readonly conditions?: readonly PodConditionLike[];
    readonly initContainerStatuses?: readonly ContainerStatusLike[];
    readonly containerStatuses?: readonly ContainerStatusLike[];
  };
}

export interface EventLike {
  readonly metadata?: ObjectMetaLike;
  readonly involvedObject?: {readonly kind?: string; readonly name?: string; readonly uid?: string};
  readonly type?: string;
  readonly reason?: string;
  readonly message?: string;
  readonly count?: number;
  readonly lastTimestamp?: Timestamp;
  readonly eventTime?: Timestamp;
  readonly firstTimestamp?: Timestamp;
}

export interface CronJobLike {
  readonly metadata?: ObjectMetaLike;
  readonly spec?: {readonly schedule?: string; readonly suspend?: boolean};
  readonly status?: {
    readonly lastScheduleTime?: Timestamp;
    readonly lastSuccessfulTime?: Timestamp;
    readonly active?: readonly {readonly name?: string}[];
  };
}

export interface JobLike {
  readonly metadata?: ObjectMetaLike;
  readonly status?: {
    readonly active?: number;
    readonly succeeded?: number;
    readonly failed?: number;
    readonly startTime?: Timestamp;
    readonly completionTime?: Timestamp;
    readonly conditions?: readonly {
      readonly type?: string;
      readonly status?: string;
      readonly reason?: string;
      readonly message?: string;
    }[];
  };
}

/** Milliseconds since the epoch, or undefined for a missing/invalid timestamp. */
export function toMillis(value: Timestamp | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

export interface PvcLike {
  readonly metadata?: ObjectMetaLike;
  readonly spec?: {readonly storageClassName?: string};
  readonly status?: {readonly phase?: string};
}
