/** Loaded before every test file: credentials for the emulators, quiet logs, Node 20 polyfill. */
import '../../scripts/lib/polyfills';

process.env.AWS_ACCESS_KEY_ID ??= 'testing';
process.env.AWS_SECRET_ACCESS_KEY ??= 'testing';
process.env.AWS_REGION ??= 'ap-northeast-2';
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.AWS_LAMBDA_LOG_LEVEL ??= 'ERROR';
