import { objectSchemas, type FieldSpec, type ObjectSchema } from './object-schemas.ts';
import type { ObjCode } from './records.ts';
import { isCreatable } from './note-creation.ts';
import { isEditable } from './work-item-updates.ts';

/** Labels that splitting the camel-case name would not give. */
const labels: Readonly<Record<string, string>> = {
  emailAddr: 'Email Address',
  opTask: 'Issue',
  opTaskID: 'Issue ID',
  wbs: 'WBS',
};

/**
 * `<obj>/metadata` in the shape of workfront-api's fixtures/metadata.json: the object's fields
 * (objCode is not one), references and collections, each with its label and type, enumerations
 * with their `possibleValues`, and the operations the emulator serves for it. `apiBase` is the
 * URL of the API the request came to, for the `url` of each object.
 */
export function objectMetadata(schema: ObjectSchema, apiBase: string) {
  const urlOf = (objCode: ObjCode) => `${apiBase}/${objCode.toLowerCase()}/metadata`;
  const fields = [...schema.fields]
    .filter(([name]) => name !== 'objCode')
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, spec]) => [name, fieldMetadata(name, spec)] as const);
  const linked = (entries: Iterable<[string, { objCode: ObjCode }]>) =>
    Object.fromEntries(
      [...entries].map(([name, { objCode }]) => [
        name,
        {
          label: labelOf(name),
          typeObjCode: objCode,
          targetTypeObjCode: null,
          fieldType: objectSchemas[objCode].name,
          enumTargetObjCode: null,
          enumType: null,
          url: urlOf(objCode),
        },
      ]),
    );
  return {
    name: schema.name,
    label: schema.name,
    objCode: schema.objCode,
    url: urlOf(schema.objCode),
    fields: Object.fromEntries(fields),
    references: linked(schema.references),
    collections: linked(schema.collections),
    search: {},
    actions: {},
    queries: {},
    // `add` is Workfront's name for a create (fixtures/metadata.json).
    operations: [
      ...(isCreatable(schema.objCode) ? ['add'] : []),
      'count',
      ...(isEditable(schema.objCode) ? ['edit'] : []),
      'get',
      'search',
    ],
  };
}

function fieldMetadata(name: string, spec: FieldSpec) {
  return {
    label: labelOf(name),
    typeObjCode: null,
    targetTypeObjCode: null,
    fieldType: spec.fieldType,
    enumTargetObjCode: null,
    enumType: spec.enumType,
    url: null,
    ...(spec.possibleValues && {
      possibleValues: spec.possibleValues.map(({ value, label }) => ({ label, value })),
    }),
  };
}

/** `plannedCompletionDate` -> "Planned Completion Date", `assignedToID` -> "Assigned To ID". */
function labelOf(name: string): string {
  const known = labels[name];
  if (known !== undefined) return known;
  const words = name
    .replace(/ID$/, ' ID')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
