/**
 * The report bucket as RenderReport and PublishReport use it: read a JSON object, list keys,
 * put a file or text, copy with new metadata. SDK failures become the named errors the ASL
 * handles: throttling and 5xx are retryable; anything else (missing object or bucket, access
 * denied) is a ReportStorageError that names the object.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import {
  CopyObjectCommand,
  GetObjectCommand,
  paginateListObjectsV2,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { asStepError, awsErrorCode, isThrottling, isTransient, ReportStorageError } from './errors';

export interface ReportStore {
  readonly bucket: string;
  readText(key: string, what: string): Promise<string>;
  listKeys(prefix: string): Promise<string[]>;
  putFile(key: string, path: string, contentType: string): Promise<void>;
  putText(key: string, text: string, contentType: string): Promise<void>;
  copy(sourceKey: string, targetKey: string, contentType: string, metadata: Record<string, string>): Promise<void>;
}

/** Retryable SDK errors keep their retryable name; the rest say which object and why. */
export function storageError(error: unknown, what: string): Error {
  if (isThrottling(error) || isTransient(error)) return asStepError(error, what);
  const code = awsErrorCode(error);
  const reason =
    code === 'NoSuchKey' || code === 'NotFound'
      ? 'does not exist'
      : code === 'NoSuchBucket'
        ? 'is in a bucket that does not exist'
        : `cannot be accessed (${code}: ${error instanceof Error ? error.message : String(error)})`;
  return new ReportStorageError(`${what} ${reason}`, { cause: error });
}

export function s3ReportStore(s3: S3Client, bucket: string): ReportStore {
  const uri = (key: string) => `s3://${bucket}/${key}`;
  return {
    bucket,
    async readText(key, what) {
      try {
        const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        if (!object.Body) throw new ReportStorageError(`${what} ${uri(key)} has no body`);
        return await object.Body.transformToString('utf-8');
      } catch (error) {
        if (error instanceof ReportStorageError) throw error;
        throw storageError(error, `${what} ${uri(key)}`);
      }
    },
    async listKeys(prefix) {
      const keys: string[] = [];
      try {
        for await (const page of paginateListObjectsV2({ client: s3 }, { Bucket: bucket, Prefix: prefix })) {
          for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key);
        }
      } catch (error) {
        throw storageError(error, `listing ${uri(prefix)}`);
      }
      return keys;
    },
    async putFile(key, path, contentType) {
      try {
        const { size } = await stat(path);
        await s3.send(
          new PutObjectCommand({ Bucket: bucket, Key: key, Body: createReadStream(path), ContentLength: size, ContentType: contentType }),
        );
      } catch (error) {
        throw storageError(error, `writing ${uri(key)}`);
      }
    },
    async putText(key, text, contentType) {
      try {
        await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: text, ContentType: contentType }));
      } catch (error) {
        throw storageError(error, `writing ${uri(key)}`);
      }
    },
    async copy(sourceKey, targetKey, contentType, metadata) {
      try {
        await s3.send(
          new CopyObjectCommand({
            Bucket: bucket,
            Key: targetKey,
            CopySource: `${bucket}/${sourceKey.split('/').map(encodeURIComponent).join('/')}`,
            MetadataDirective: 'REPLACE',
            ContentType: contentType,
            Metadata: metadata,
          }),
        );
      } catch (error) {
        throw storageError(error, `copying ${uri(sourceKey)} to ${uri(targetKey)}`);
      }
    },
  };
}
