// Issuing a directive: start its workflow and, in the same call (update-with-start), wait for the
// targets it selected, so the leader gets them in the response while Temporal alone owns the rest.
import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import {
  directiveWorkflowId,
  issuedUpdate,
  type DirectiveInput,
  type DirectiveIssued,
} from '../workflows/directive/messages';

export async function issueDirective(
  client: Client,
  taskQueue: string,
  input: DirectiveInput,
): Promise<DirectiveIssued> {
  const startWorkflowOperation = new WithStartWorkflowOperation('directiveWorkflow', {
    taskQueue,
    workflowId: directiveWorkflowId(input.directiveId),
    args: [input],
    workflowIdConflictPolicy: 'FAIL',
  });
  return client.workflow.executeUpdateWithStart(issuedUpdate, { startWorkflowOperation });
}
