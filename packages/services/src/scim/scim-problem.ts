/**
 * A request the SCIM protocol itself refuses (RFC 7644 §3.12): bad syntax,
 * an unsupported filter, a value of the wrong type. The product's own rules
 * (seats, last admin, verified domains) are AppErrors, which the endpoint
 * turns into SCIM errors in the caller's language.
 */
export type ScimType = 'invalidFilter' | 'tooMany' | 'uniqueness' | 'mutability' | 'invalidSyntax' | 'invalidPath' | 'noTarget' | 'invalidValue' | 'invalidVers' | 'sensitive';

export class ScimProblem extends Error {
  readonly status: number;
  readonly scimType: ScimType | undefined;

  constructor(status: number, detail: string, scimType?: ScimType) {
    super(detail);
    this.name = 'ScimProblem';
    this.status = status;
    this.scimType = scimType;
  }
}

export const invalidValue = (detail: string) => new ScimProblem(400, detail, 'invalidValue');
export const uniqueness = (detail: string) => new ScimProblem(409, detail, 'uniqueness');
export const notFound = (what: 'User' | 'Group', id: string) => new ScimProblem(404, `${what} ${id.slice(0, 64)} not found`);
