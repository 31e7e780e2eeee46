import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../context.ts';
import { describeErrorForLog } from '../errors/log-safe.ts';

/**
 * Writes the request's personal reads to the audit trail before the response is sent. If
 * that write fails, the client gets an error and none of the data: a personal value never
 * leaves unaudited.
 */
export function personalReadAuditPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          try {
            await contextValue.personalReads.flush(contextValue.services.audit, contextValue.actor);
          } catch (error) {
            contextValue.logger.error({ err: describeErrorForLog(error) }, 'personal reads could not be audited; answer withheld');
            if (response.body.kind !== 'single') return;
            response.http.status = 503;
            response.body.singleResult = {
              errors: [{ message: 'The read could not be recorded in the audit trail; nothing was returned', extensions: { code: 'SERVICE_UNAVAILABLE' } }],
            };
          }
        },
      };
    },
  };
}
