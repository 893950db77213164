import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from './context.ts';

/**
 * Tells the request's report (runtime/request-report.ts) which operation ran and the code of the
 * first error it was answered with, for the access log and the metrics. The read audit reports
 * its own refusal (read-audit.ts), as it is decided while this plugin's hook has already run.
 */
export const reportPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart({ contextValue }) {
    const report = contextValue.report;
    if (!report) return;
    return {
      async didResolveOperation({ operationName }) {
        report.operation = operationName ?? null;
      },
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        const code = response.body.singleResult.errors?.[0]?.extensions?.code;
        if (typeof code === 'string') report.errorCode = code;
      },
    };
  },
};
