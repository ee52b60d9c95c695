/** Short names for the generated schema types (the generated file is the truth). */
import type { components, paths } from './schema';

type Schemas = components['schemas'];

export type ListingView = Schemas['ListingView'];
export type ListingRecord = Schemas['ListingRecord'];
export type ListingPage = Schemas['ListingPage'];
export type ListingType = Schemas['ListingType'];
export type ListingStatus = Schemas['ListingStatus'];
export type OrganizationView = Schemas['OrganizationView'];
export type OrganizationRecord = Schemas['OrganizationRecord'];
export type OrganizationPage = Schemas['OrganizationPage'];
export type OrgType = Schemas['OrgType'];
export type Ownership = Schemas['Ownership'];
export type Region = Schemas['Region'];
export type Mode = Schemas['Mode'];
export type TaxonomyView = Schemas['TaxonomyView'];
export type Term = Schemas['Term'];
export type Sector = Schemas['Sector'];
export type UserView = Schemas['UserView'];
export type MeView = Schemas['MeView'];
export type MembershipView = Schemas['MembershipView'];
export type PlatformRole = Schemas['PlatformRole'];
export type ImportReport = Schemas['ImportReport'];
export type ImportLineError = Schemas['ImportLineError'];
export type ListingQuery = NonNullable<paths['/api/v1/listings']['get']['parameters']['query']>;
export type OrganizationQuery = NonNullable<paths['/api/v1/organizations']['get']['parameters']['query']>;

export type SearchResults = Schemas['SearchResults'];
export type SearchHit = Schemas['SearchHit'];
export type SearchFacets = Schemas['SearchFacets'];
export type FacetCount = Schemas['FacetCountView'];
export type SearchParams = NonNullable<paths['/api/v1/search']['get']['parameters']['query']>;
export type MatchesView = Schemas['MatchesView'];
export type MatchView = Schemas['MatchView'];
export type MatchFactor = Schemas['FactorView'];
export type MatchReason = Schemas['ReasonView'];
export type MatchDecision = Schemas['Decision'];
