/** The root types; every domain file adds its fields to them. */
import { builder } from './builder';

builder.queryType({
  description: 'Read access to Ostan: regions, sectors, projects, energy, plans and claims.',
});

builder.mutationType({
  description:
    'Partner writes. Each needs an API key (`Authorization: Bearer <key>`) with the scope the field names, and returns the changed object or a typed error.',
});
