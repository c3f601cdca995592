import { QuotaStoreError } from './errors';

/** Runs one DynamoDB call, turning its failure into a {@link QuotaStoreError} that names the table and operation. */
export async function tableCall<T>(tableName: string, operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new QuotaStoreError(`quota table ${tableName}: ${operation} failed`, { cause: error });
  }
}
