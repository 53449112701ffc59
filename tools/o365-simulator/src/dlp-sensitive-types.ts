// Friendly names served by GET /resources/dlpSensitiveTypes (a small subset of Microsoft's list).
export const DLP_SENSITIVE_TYPES: readonly { id: string; name: string }[] = [
  { id: '50842eb7-edc8-4019-85dd-5a5c1f2bb085', name: 'Credit Card Number' },
  { id: 'a44669fe-0d48-453d-a9b1-2cc83f2cba77', name: 'U.S. Social Security Number (SSN)' },
  { id: 'cb353f78-2b72-4c3c-8827-92ebe4f69fdf', name: 'ABA Routing Number' },
  { id: '419f449f-6d9d-4be1-a154-b531f7a91b41', name: 'EU Debit Card Number' },
  { id: 'b8fe86d1-c056-453b-bfaa-9fe698699ecc', name: 'International Banking Account Number (IBAN)' },
];
