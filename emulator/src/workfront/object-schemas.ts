import type { ObjCode, WorkfrontRecord } from './records.ts';
import {
  issueStatusChoices,
  projectStatusChoices,
  taskStatusChoices,
  type StatusChoice,
} from './statuses.ts';

/** The `fieldType` of `<obj>/metadata` (workfront-api fixtures/metadata.json). */
export type FieldType = 'string' | 'int' | 'double' | 'boolean' | 'dateTime';

/** How a filter reads a value of the field. */
export type FieldKind = 'string' | 'number' | 'boolean' | 'date';

export interface FieldSpec {
  fieldType: FieldType;
  kind: FieldKind;
  enumType: string | null;
  possibleValues?: readonly StatusChoice[];
}

/** A field such as `project` that names the record whose ID is in `idField`. */
export interface Reference {
  idField: string;
  objCode: ObjCode;
}

/** A field such as `assignments`: the records of `objCode` whose `foreignKey` is this record's ID. */
export interface Collection {
  objCode: ObjCode;
  foreignKey: string;
}

/** What the API exposes of one object code. */
export interface ObjectSchema {
  objCode: ObjCode;
  /** The object's name in metadata and in error messages: "Project", "Task", "Issue"… */
  name: string;
  fields: ReadonlyMap<string, FieldSpec>;
  /** Sent when `fields` names nothing else, and always sent. */
  defaultFields: readonly string[];
  references: ReadonlyMap<string, Reference>;
  collections: ReadonlyMap<string, Collection>;
}

export type FieldValue = string | number | boolean | null;

const kindOf: Record<FieldType, FieldKind> = {
  string: 'string',
  int: 'number',
  double: 'number',
  boolean: 'boolean',
  dateTime: 'date',
};

function statusField(enumType: string, possibleValues: readonly StatusChoice[]): FieldSpec {
  return { fieldType: 'string', kind: 'string', enumType, possibleValues };
}

const workItemFields = {
  ID: 'string',
  objCode: 'string',
  name: 'string',
  description: 'string',
  percentComplete: 'double',
  priority: 'int',
  plannedStartDate: 'dateTime',
  plannedCompletionDate: 'dateTime',
  projectedStartDate: 'dateTime',
  projectedCompletionDate: 'dateTime',
  progressStatus: 'string',
  projectID: 'string',
  assignedToID: 'string',
  entryDate: 'dateTime',
  lastUpdateDate: 'dateTime',
} as const satisfies Record<string, FieldType>;

const workItemReferences = {
  project: { idField: 'projectID', objCode: 'PROJ' },
  assignedTo: { idField: 'assignedToID', objCode: 'USER' },
} as const;

/** TASK's and PROJ's from workfront-api fixtures (create.json, copy.json; get.json, edit.json). */
const taskDefaultFields = [
  'ID',
  'name',
  'objCode',
  'percentComplete',
  'plannedCompletionDate',
  'plannedStartDate',
  'priority',
  'progressStatus',
  'projectedCompletionDate',
  'projectedStartDate',
  'status',
  'taskNumber',
  'wbs',
];
const projectDefaultFields = [
  'ID',
  'name',
  'objCode',
  'percentComplete',
  'plannedCompletionDate',
  'plannedStartDate',
  'priority',
  'projectedCompletionDate',
  'status',
];

export const objectSchemas: Readonly<Record<ObjCode, ObjectSchema>> = {
  USER: schema({
    objCode: 'USER',
    name: 'User',
    fields: {
      ID: 'string',
      objCode: 'string',
      name: 'string',
      firstName: 'string',
      lastName: 'string',
      emailAddr: 'string',
      title: 'string',
      isActive: 'boolean',
    },
    defaultFields: ['ID', 'name', 'objCode', 'emailAddr', 'title'],
  }),
  PROJ: schema({
    objCode: 'PROJ',
    name: 'Project',
    fields: {
      ID: 'string',
      objCode: 'string',
      name: 'string',
      description: 'string',
      status: statusField('com.attask.common.constants.ProjectStatusEnum', projectStatusChoices),
      percentComplete: 'double',
      priority: 'int',
      ownerID: 'string',
      plannedStartDate: 'dateTime',
      plannedCompletionDate: 'dateTime',
      projectedCompletionDate: 'dateTime',
      entryDate: 'dateTime',
    },
    defaultFields: projectDefaultFields,
    references: { owner: { idField: 'ownerID', objCode: 'USER' } },
    collections: { tasks: { objCode: 'TASK', foreignKey: 'projectID' } },
  }),
  TASK: schema({
    objCode: 'TASK',
    name: 'Task',
    fields: {
      ...workItemFields,
      status: statusField('com.attask.common.constants.TaskStatusEnum', taskStatusChoices),
      taskNumber: 'int',
      wbs: 'string',
    },
    defaultFields: taskDefaultFields,
    references: workItemReferences,
    collections: { assignments: { objCode: 'ASSGN', foreignKey: 'taskID' } },
  }),
  OPTASK: schema({
    objCode: 'OPTASK',
    name: 'Issue',
    fields: {
      ...workItemFields,
      status: statusField('com.attask.common.constants.OpTaskStatusEnum', issueStatusChoices),
    },
    // Not in the fixtures: TASK's set without the fields that issues do not have.
    defaultFields: taskDefaultFields.filter((field) => field !== 'taskNumber' && field !== 'wbs'),
    references: workItemReferences,
    collections: { assignments: { objCode: 'ASSGN', foreignKey: 'opTaskID' } },
  }),
  NOTE: schema({
    objCode: 'NOTE',
    name: 'Note',
    fields: {
      ID: 'string',
      objCode: 'string',
      noteText: 'string',
      entryDate: 'dateTime',
      ownerID: 'string',
      objID: 'string',
      noteObjCode: 'string',
      taskID: 'string',
      opTaskID: 'string',
      projectID: 'string',
    },
    defaultFields: ['ID', 'objCode', 'noteText', 'entryDate', 'ownerID', 'noteObjCode', 'objID'],
    references: {
      owner: { idField: 'ownerID', objCode: 'USER' },
      task: { idField: 'taskID', objCode: 'TASK' },
      opTask: { idField: 'opTaskID', objCode: 'OPTASK' },
      project: { idField: 'projectID', objCode: 'PROJ' },
    },
  }),
  ASSGN: schema({
    objCode: 'ASSGN',
    name: 'Assignment',
    fields: {
      ID: 'string',
      objCode: 'string',
      assignedToID: 'string',
      taskID: 'string',
      opTaskID: 'string',
      projectID: 'string',
      assignmentPercent: 'double',
      isPrimary: 'boolean',
    },
    defaultFields: ['ID', 'objCode', 'assignedToID', 'assignmentPercent', 'isPrimary'],
    references: {
      assignedTo: { idField: 'assignedToID', objCode: 'USER' },
      task: { idField: 'taskID', objCode: 'TASK' },
      opTask: { idField: 'opTaskID', objCode: 'OPTASK' },
      project: { idField: 'projectID', objCode: 'PROJ' },
    },
  }),
};

function schema(definition: {
  objCode: ObjCode;
  name: string;
  fields: Readonly<Record<string, FieldType | FieldSpec>>;
  defaultFields: readonly string[];
  references?: Readonly<Record<string, Reference>>;
  collections?: Readonly<Record<string, Collection>>;
}): ObjectSchema {
  const fields = Object.entries(definition.fields).map(([name, spec]): [string, FieldSpec] => [
    name,
    typeof spec === 'string' ? { fieldType: spec, kind: kindOf[spec], enumType: null } : spec,
  ]);
  return {
    objCode: definition.objCode,
    name: definition.name,
    fields: new Map(fields),
    defaultFields: definition.defaultFields,
    references: new Map(Object.entries(definition.references ?? {})),
    collections: new Map(Object.entries(definition.collections ?? {})),
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
  ['assgn', 'ASSGN'],
  ['assignment', 'ASSGN'],
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
