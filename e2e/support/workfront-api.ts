/**
 * The emulated Workfront REST API, called by the test with the signed-in user's access token:
 * the test reads what the app should show from the source of truth, not from the app.
 */
import { expect } from '@playwright/test';
import type { IssuedTokens } from '../fixtures';
import { emulatorUrl } from './emulator';

const apiBase = `${emulatorUrl}/attask/api/v20.0`;

export interface WireWorkItem {
  ID: string;
  /** `work/myWork` may name both kinds WORK (the emulator's `myWorkObjCode`). */
  objCode: 'TASK' | 'OPTASK' | 'WORK';
  name: string;
  status: string;
  percentComplete: number;
  priority: number;
  plannedCompletionDate: string | null;
  projectID: string | null;
  project: { ID: string; name: string } | null;
}

export interface WireProject {
  ID: string;
  name: string;
  status: string;
  ownerID: string;
}

export interface WireNote {
  ID: string;
  noteText: string;
  owner: { name: string } | null;
}

export interface WireUser {
  ID: string;
  name: string;
  emailAddr: string;
  title: string;
}

export class WorkfrontApi {
  constructor(private readonly issued: IssuedTokens) {}

  /** The newest access token: the one the app is using. */
  private async token(): Promise<string> {
    const token = (await this.issued()).accessTokens.at(-1);
    if (!token) throw new Error('No access token was issued yet: sign in first');
    return token;
  }

  async get<T>(path: string, params: Record<string, string | number> = {}): Promise<T> {
    const query = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]));
    const response = await fetch(`${apiBase}/${path}?${query.toString()}`, {
      headers: { sessionID: await this.token() },
    });
    const body = (await response.json()) as { data?: T; error?: unknown };
    if (!response.ok || body.error !== undefined) {
      throw new Error(`GET ${path}: HTTP ${response.status} ${JSON.stringify(body)}`);
    }
    return body.data as T;
  }

  myWork(): Promise<WireWorkItem[]> {
    return this.get('work/myWork', {
      fields: 'status,percentComplete,priority,plannedCompletionDate,projectID,project:name',
      plannedCompletionDate_Sort: 'asc',
      $$LIMIT: 2000,
    });
  }

  /** My open items of one kind, found by object code rather than through `work/myWork`. */
  async myItemsOf(kind: 'task' | 'issue'): Promise<WireWorkItem[]> {
    const ids = (await this.myWork()).map((item) => item.ID);
    return this.get(`${kind === 'task' ? 'TASK' : 'OPTASK'}/search`, {
      ID: ids.join(','),
      ID_Mod: 'in',
      fields: 'status,percentComplete,priority,plannedCompletionDate,projectID,project:name',
      $$LIMIT: 2000,
    });
  }

  async workItem(kind: 'task' | 'issue', id: string): Promise<WireWorkItem> {
    return this.get(`${kind === 'task' ? 'TASK' : 'OPTASK'}/${id}`, {
      fields: 'status,percentComplete,priority,plannedCompletionDate,projectID,project:name',
    });
  }

  /** Workfront's label for a status, from the kind's metadata. */
  async statusLabel(kind: 'task' | 'issue', code: string): Promise<string> {
    const metadata = await this.get<{
      fields: { status: { possibleValues: { value: string; label: string }[] } };
    }>(`${kind === 'task' ? 'TASK' : 'OPTASK'}/metadata`);
    const label = metadata.fields.status.possibleValues.find(
      (value) => value.value === code,
    )?.label;
    if (!label) throw new Error(`The ${kind} metadata has no label for ${code}`);
    return label;
  }

  notesOf(kind: 'task' | 'issue', id: string): Promise<WireNote[]> {
    return this.get('note/search', {
      [kind === 'task' ? 'taskID' : 'opTaskID']: id,
      fields: 'noteText,owner:name',
    });
  }

  me(): Promise<WireUser> {
    return this.get<WireUser[]>('user/search', { ID: '$$USER.ID', fields: 'emailAddr,title' }).then(
      ([user]) => {
        if (!user) throw new Error('user/search found no signed-in user');
        return user;
      },
    );
  }

  /**
   * Takes one of the user's API threads and keeps it until `release()`: a PUT whose body has not
   * finished arriving, as a slow integration of the same user would. The emulator counts it
   * against `maxConcurrentRequests` while it waits for the rest of the body. The PUT writes the
   * task's own percentage back, so nothing changes.
   */
  async holdThread(task: WireWorkItem): Promise<{ release: () => Promise<void> }> {
    const encoder = new TextEncoder();
    let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
    const body = new ReadableStream<Uint8Array>({
      start(streamController) {
        controller = streamController;
        streamController.enqueue(encoder.encode('{"percentComplete":'));
      },
    });
    const response = fetch(`${apiBase}/task/${task.ID}`, {
      method: 'PUT',
      headers: { sessionID: await this.token(), 'Content-Type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    // The PUT holds its thread once the emulator has let it in: then the next request is refused.
    await expect
      .poll(
        async () =>
          (await fetch(`${apiBase}/user/count`, { headers: { sessionID: await this.token() } }))
            .status,
      )
      .toBe(429);
    return {
      release: async () => {
        controller?.enqueue(encoder.encode(`${task.percentComplete}}`));
        controller?.close();
        expect((await response).status).toBe(200);
      },
    };
  }
}
