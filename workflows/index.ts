// The workflow bundle's entry: every workflow type the worker runs.
export { reportWorkflow } from './report/workflow';
export { reconcileWorkflow } from './reconcile/workflow';
export { weeklySummaryWorkflow } from './summary/workflow';
export { directiveWorkflow } from './directive/workflow';
export { calendarChangeWorkflow, calendarWatchWorkflow } from './calendar/workflow';
