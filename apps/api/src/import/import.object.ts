import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { IMPORT_FIELDS, type ImportField } from '@muster/domain';
import { PageInfo } from '../common/page-info.object.js';
import { DateTimeScalar } from '../common/scalars.js';
import { IMPORT_STATUSES, type ImportStatusValue } from './import.entity.js';

function enumOf<T extends string>(values: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };
}

export const MATCH_KEY_VALUES = ['MEMBERSHIP_NUMBER', 'EMAIL', 'MOBILE'] as const;
export const ROW_OUTCOMES = ['CREATED', 'UPDATED', 'UNCHANGED', 'REJECTED'] as const;

export const ImportStatusEnum = enumOf(IMPORT_STATUSES);
export const ImportMatchKeyEnum = enumOf(MATCH_KEY_VALUES);
export const ImportFieldEnum = enumOf(IMPORT_FIELDS);
export const ImportRowOutcomeEnum = enumOf(ROW_OUTCOMES);
registerEnumType(ImportStatusEnum, { name: 'ImportStatus' });
registerEnumType(ImportMatchKeyEnum, { name: 'ImportMatchKey' });
registerEnumType(ImportFieldEnum, { name: 'ImportField' });
registerEnumType(ImportRowOutcomeEnum, { name: 'ImportRowOutcome' });

@ObjectType('ImportColumn')
export class ImportColumnObject {
  @Field(() => Int) index: number;
  @Field(() => String) header: string;
  @Field(() => [String]) samples: string[];
  @Field(() => ImportFieldEnum) field: ImportField;
  @Field(() => ImportFieldEnum) suggested: ImportField;
}

@ObjectType('ImportCounts')
export class ImportCountsObject {
  @Field(() => Int) total: number;
  @Field(() => Int) done: number;
  @Field(() => Int) created: number;
  @Field(() => Int) updated: number;
  @Field(() => Int) unchanged: number;
  @Field(() => Int) rejected: number;
}

@ObjectType('ImportRowSample')
export class ImportRowSampleObject {
  @Field(() => Int) rowNumber: number;
  @Field(() => ImportRowOutcomeEnum) outcome: (typeof ROW_OUTCOMES)[number];
  @Field(() => String) summary: string;
  @Field(() => [String]) reasons: string[];
}

@ObjectType('MemberImport')
export class MemberImportObject {
  @Field(() => ID) id: string;
  @Field(() => ID) organisationId: string;
  @Field(() => String) fileName: string;
  @Field(() => Float) byteSize: number;
  @Field(() => String) encoding: string;
  @Field(() => String) delimiter: string;
  @Field(() => Boolean) hasHeader: boolean;
  @Field(() => ImportStatusEnum) status: ImportStatusValue;
  @Field(() => [ImportColumnObject]) columns: ImportColumnObject[];
  @Field(() => [ImportMatchKeyEnum]) matchOrder: string[];
  @Field(() => [ImportFieldEnum]) keepExisting: string[];
  /** Null until a dry run of the current settings finished. */
  @Field(() => ImportCountsObject, { nullable: true }) dryRun: ImportCountsObject | null;
  /** Up to 5 per outcome. */
  @Field(() => [ImportRowSampleObject]) dryRunSamples: ImportRowSampleObject[];
  /** Of the running or finished real import (or of the running dry run). */
  @Field(() => ImportCountsObject) progress: ImportCountsObject;
  @Field(() => Float, { nullable: true }) rowsPerSecond: number | null;
  @Field(() => Float, { nullable: true }) secondsLeft: number | null;
  @Field(() => DateTimeScalar, { nullable: true }) startedAt: Date | null;
  @Field(() => DateTimeScalar, { nullable: true }) finishedAt: Date | null;
  @Field(() => Float, { nullable: true }) durationSeconds: number | null;
  @Field(() => String) createdBy: string;
  @Field(() => DateTimeScalar) createdAt: Date;
  @Field(() => String, { nullable: true }) error: string | null;
  /** "/imports/<id>/rejects.csv" when a run (dry or real) rejected rows. */
  @Field(() => String, { nullable: true }) rejectsUrl: string | null;
}

@ObjectType('MemberImportEdge')
export class MemberImportEdge {
  @Field(() => String) cursor: string;
  @Field(() => MemberImportObject) node: MemberImportObject;
}

@ObjectType('MemberImportConnection')
export class MemberImportConnection {
  @Field(() => [MemberImportEdge]) edges: MemberImportEdge[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  countTotal: () => Promise<number>;
}

@ObjectType('ImportMappingColumn')
export class ImportMappingColumnObject {
  @Field(() => String) header: string;
  @Field(() => ImportFieldEnum) field: ImportField;
}

@ObjectType('ImportMapping')
export class ImportMappingObject {
  @Field(() => ID) id: string;
  @Field(() => ID) organisationId: string;
  @Field(() => String) name: string;
  @Field(() => [ImportMappingColumnObject]) columns: ImportMappingColumnObject[];
  @Field(() => DateTimeScalar) createdAt: Date;
}

@InputType('ImportColumnInput')
export class ImportColumnInput {
  @Field(() => Int) @IsInt() @Min(0) index: number;
  @Field(() => ImportFieldEnum) @IsIn(IMPORT_FIELDS as unknown as string[]) field: ImportField;
}

@InputType('UpdateMemberImportInput')
export class UpdateMemberImportInput {
  @Field(() => ID) @IsUUID() id: string;

  @Field(() => [ImportColumnInput], { nullable: true })
  @IsOptional() @IsArray() @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => ImportColumnInput)
  columns?: ImportColumnInput[] | null;

  @Field(() => [ImportMatchKeyEnum], { nullable: true })
  @IsOptional() @IsArray() @IsIn(MATCH_KEY_VALUES as unknown as string[], { each: true })
  matchOrder?: string[] | null;

  @Field(() => [ImportFieldEnum], { nullable: true })
  @IsOptional() @IsArray() @IsIn(IMPORT_FIELDS as unknown as string[], { each: true })
  keepExisting?: string[] | null;
}

@InputType('ImportMappingColumnInput')
export class ImportMappingColumnInput {
  @Field(() => String) @IsString() @MaxLength(500) header: string;
  @Field(() => ImportFieldEnum) @IsIn(IMPORT_FIELDS as unknown as string[]) field: ImportField;
}

@InputType('SaveImportMappingInput')
export class SaveImportMappingInput {
  @Field(() => ID) @IsUUID() organisationId: string;
  @Field(() => String) @IsString() @MinLength(1) @MaxLength(100) name: string;

  @Field(() => [ImportMappingColumnInput])
  @IsArray() @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => ImportMappingColumnInput)
  columns: ImportMappingColumnInput[];
}
