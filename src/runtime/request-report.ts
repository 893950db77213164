// What one HTTP request did, filled in as it goes (the GraphQL operation, the error it was answered
// with, the SQL it ran) and read when its answer is out: by the access log and the metrics.

export interface RequestReport {
  /** `x-request-id`: the caller's, or one made for the request. */
  requestId: string;
  /** The GraphQL operation's name, once Apollo has resolved it. */
  operation: string | null;
  /** The code of the (first) error the request was answered with; null for none. */
  errorCode: string | null;
  /** The SQL statements the request ran, when they were counted. */
  statements: readonly string[] | null;
}
