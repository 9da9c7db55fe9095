import type { ObjCode, WorkfrontRecord } from './records.ts';

export type FieldKind = 'string' | 'number' | 'boolean' | 'date';

/** A field such as `project` that names the record whose ID is in `idField`. */
export interface Reference {
  idField: string;
  objCode: ObjCode;
}

/** What the API exposes of one object code. */
export interface ObjectSchema {
  objCode: ObjCode;
  fields: ReadonlyMap<string, FieldKind>;
  /** Sent when `fields` names nothing else, and always sent. */
  defaultFields: readonly string[];
  references: ReadonlyMap<string, Reference>;
}

export type FieldValue = string | number | boolean | null;

const workItemFields = {
  ID: 'string',
  objCode: 'string',
  name: 'string',
  description: 'string',
  status: 'string',
  percentComplete: 'number',
  priority: 'number',
  plannedStartDate: 'date',
  plannedCompletionDate: 'date',
  projectedCompletionDate: 'date',
  projectID: 'string',
  assignedToID: 'string',
  entryDate: 'date',
  lastUpdateDate: 'date',
} as const;
const workItemDefaultFields = [
  'ID',
  'name',
  'objCode',
  'status',
  'percentComplete',
  'plannedCompletionDate',
  'priority',
];
const workItemReferences = {
  project: { idField: 'projectID', objCode: 'PROJ' },
  assignedTo: { idField: 'assignedToID', objCode: 'USER' },
} as const;

export const objectSchemas: Readonly<Record<ObjCode, ObjectSchema>> = {
  USER: schema(
    'USER',
    {
      ID: 'string',
      objCode: 'string',
      name: 'string',
      firstName: 'string',
      lastName: 'string',
      emailAddr: 'string',
      title: 'string',
      isActive: 'boolean',
    },
    ['ID', 'name', 'objCode', 'emailAddr', 'title'],
    {},
  ),
  PROJ: schema(
    'PROJ',
    {
      ID: 'string',
      objCode: 'string',
      name: 'string',
      description: 'string',
      status: 'string',
      percentComplete: 'number',
      priority: 'number',
      ownerID: 'string',
      plannedStartDate: 'date',
      plannedCompletionDate: 'date',
      entryDate: 'date',
    },
    ['ID', 'name', 'objCode', 'status', 'plannedStartDate', 'plannedCompletionDate'],
    { owner: { idField: 'ownerID', objCode: 'USER' } },
  ),
  TASK: schema('TASK', workItemFields, workItemDefaultFields, workItemReferences),
  OPTASK: schema('OPTASK', workItemFields, workItemDefaultFields, workItemReferences),
  NOTE: schema(
    'NOTE',
    {
      ID: 'string',
      objCode: 'string',
      noteText: 'string',
      entryDate: 'date',
      ownerID: 'string',
      objID: 'string',
      noteObjCode: 'string',
      taskID: 'string',
      opTaskID: 'string',
      projectID: 'string',
    },
    ['ID', 'objCode', 'noteText', 'entryDate', 'ownerID', 'noteObjCode', 'objID'],
    {
      owner: { idField: 'ownerID', objCode: 'USER' },
      task: { idField: 'taskID', objCode: 'TASK' },
      opTask: { idField: 'opTaskID', objCode: 'OPTASK' },
      project: { idField: 'projectID', objCode: 'PROJ' },
    },
  ),
};

function schema(
  objCode: ObjCode,
  fields: Readonly<Record<string, FieldKind>>,
  defaultFields: readonly string[],
  references: Readonly<Record<string, Reference>>,
): ObjectSchema {
  return {
    objCode,
    fields: new Map(Object.entries(fields)),
    defaultFields,
    references: new Map(Object.entries(references)),
  };
}

const objCodesByName = new Map<string, ObjCode>([
  ['user', 'USER'],
  ['proj', 'PROJ'],
  ['project', 'PROJ'],
  ['task', 'TASK'],
  ['optask', 'OPTASK'],
  ['issue', 'OPTASK'],
  ['note', 'NOTE'],
]);

/** Object codes and names are case-insensitive: `TASK`, `task`, `proj`, `Project`, `issue`… */
export function resolveObjCode(name: string): ObjCode | undefined {
  return objCodesByName.get(name.toLowerCase());
}

/** The raw value of a field that the schema has already vouched for. */
export function readField(record: WorkfrontRecord, field: string): FieldValue {
  const value: unknown = Reflect.get(record, field);
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? value
    : null;
}
