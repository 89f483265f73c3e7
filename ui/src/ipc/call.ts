// How a command is called: Tauri's invoke, its rejections turned into CommandError, and
// progress channels. The wrappers that use it are generated (commands.ts).
import { Channel, invoke } from "@tauri-apps/api/core";
import { CommandError, toIpcError } from "./errors";

export async function call<T>(command: string, args: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw new CommandError(toIpcError(e));
  }
}

/** A channel that hands every update to `onUpdate` (progress of a run). */
export function channel<T>(onUpdate: (update: T) => void): Channel<T> {
  const c = new Channel<T>();
  c.onmessage = onUpdate;
  return c;
}
