// Public surface of @heapster/tls: name every export.
export {
  createCertificateAuthority,
  issueCertificate,
  loadCertificateAuthority,
} from './certificate-authority.js';
export type {
  CertificateAuthority,
  CertificateAuthorityOptions,
  CertificateUsage,
  IssueCertificateOptions,
  PemKeyPair,
} from './certificate-authority.js';
