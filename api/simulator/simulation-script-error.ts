import { UnprocessableEntityError } from '../errors';

/** A script the flow cannot play: a choice no message offered, an answer that does not fit its node (422). */
export class SimulationScriptError extends UnprocessableEntityError {}
