export * from './s3-bucket';
