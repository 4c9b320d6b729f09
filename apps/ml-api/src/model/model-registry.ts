import { LogAnomalyDetector } from '@logad/detector';
import { ModelBundle } from './model-bundle';

/** Which model to serve, and where its state is (a file name, or a Redis key). */
export interface CurrentModelPointer {
  readonly version: string;
  readonly file: string;
}

/** One stored model version. */
export interface StoredModelVersion {
  readonly version: string;
  /** When it was saved (ISO-8601). */
  readonly savedAt: string;
  /** The version `current` names. */
  readonly current: boolean;
}

/**
 * Where trained models are published and every ml-api replica polls for the one to serve: a
 * directory ({@link ModelStore}) or Redis ({@link RedisModelStore}). A save makes the new version
 * current in one step, so a reader sees the old model or the new one, never half of one.
 */
export interface ModelRegistry {
  /** Where it is, for messages (a path, or a redacted Redis URL and key prefix). */
  readonly location: string;
  /** Saves a model and makes it the one served. */
  save(model: ModelBundle | LogAnomalyDetector): Promise<CurrentModelPointer>;
  /** The pointer, or null when no model was ever saved here. */
  current(): Promise<CurrentModelPointer | null>;
  /** The model a pointer names; InvalidModelFileError when it is missing or unreadable. */
  load(pointer: CurrentModelPointer): Promise<ModelBundle>;
  /** Stored versions, newest first. */
  versions(): Promise<StoredModelVersion[]>;
  /** Points `current` at a stored version (rolling back or forward); InvalidModelFileError when it is not stored. */
  use(version: string): Promise<CurrentModelPointer>;
  close(): Promise<void>;
}
