// @perf/profiles: six YAML performance profiles, validated, inheritable, selected by rules.
export { ProfileError } from './errors.js';
export type { ProfileErrorCode, ProfileIssue } from './errors.js';

export { loadProfile, listProfiles, PROFILE_EXTENSIONS } from './load.js';
export type { LoadProfileOptions, Profile, ProfileListing, ProfileOrigin } from './load.js';
export { builtinProfilesDir, profileSearchDirs, PROJECT_PROFILES_DIR, USER_PROFILES_DIR } from './dirs.js';
export type { ProfileSearchOptions, ProfileSource, SearchDir } from './dirs.js';
export { MAX_ALIAS_COUNT, MAX_PROFILE_BYTES, parseProfileYaml } from './read-yaml.js';
export type { ReadLimits } from './read-yaml.js';

export { POLICY_NAMES, WORKER_MODES, ProfileSettingsSchema, ProfileFileSchema } from './schema.js';
export type { PolicyName, ProfileFile, ProfileSettings, WorkerMode } from './schema.js';
export { checkProfileFile, checkProfileSettings, levenshtein, suggestKey, REPLACE_KEY, UNSET_VALUE } from './validate.js';
export { mergeProfileData } from './merge.js';

export { resolveProfile, DEFAULT_MIN_WORKERS, MAX_UV_THREADPOOL_SIZE } from './resolve.js';
export type { ResolvedProfile, SystemFacts } from './resolve.js';
export { evaluateExpression, parseExpression, EXPRESSION_VARIABLES, MAX_EXPRESSION_LENGTH } from './expression.js';
export type { Expr, ExpressionScope, ExpressionVariable, ParseResult } from './expression.js';
export { parseSize, parseDuration, formatBytes, SIZE_UNITS, DURATION_UNITS } from './units.js';

export { diffProfiles, NON_SETTING_KEYS } from './diff.js';
export type { ProfileDifference } from './diff.js';

export { countProjectFiles } from './count-files.js';
export type { CountFilesOptions, FileCount } from './count-files.js';
export {
  selectProfile, classifyProjectSize, classifySystem, SELECTION_RULES, BUILTIN_PROFILES,
  PROJECT_SIZE_LIMITS, SYSTEM_LIMITS,
} from './select.js';
export type {
  BuiltinProfileName, ProfileSelection, ProjectSize, SelectionInputs, SelectionRule,
  SelectProfileOptions, SystemType,
} from './select.js';

/** Package name, for diagnostics. */
export const packageName = '@perf/profiles';
