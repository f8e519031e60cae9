/** Test harness only: the bytes of an object the workflow published, to read a workbook or summary back. */
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';

export async function objectBytes(s3: S3Client, bucket: string, key: string): Promise<Buffer> {
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return Buffer.from(await object.Body!.transformToByteArray());
}
