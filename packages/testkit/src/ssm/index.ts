export {
  GLOBAL_INFRASTRUCTURE_PATH,
  globalInfrastructureParameters,
  loadGlobalInfrastructure,
  type GlobalInfrastructureData,
  type GlobalInfrastructureRegion,
  type GlobalInfrastructureService,
  type SsmParameterInput,
} from "./global-infrastructure.js";
export { createSsmHandlers, MAX_NAMES, MAX_RESULTS_BY_PATH, type SsmHandlersOptions } from "./handlers.js";
export { createParameterIndex, type ParameterIndex, type ParameterList, type StoredParameter } from "./parameter-index.js";
