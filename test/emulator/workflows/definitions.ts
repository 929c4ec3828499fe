import { defineQuery, defineSignal } from '@temporalio/workflow';

/** Signals and queries shared by the conformance workflows and the tests that drive them. */
export const addSignal = defineSignal<[number]>('add');
export const finishSignal = defineSignal('finish');
export const countQuery = defineQuery<number>('count');
export const valuesQuery = defineQuery<number[]>('values');
export const stepQuery = defineQuery<string>('step');
