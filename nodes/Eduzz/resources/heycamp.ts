import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

export const heycampResources: INodePropertyOptions[] = [];

export const heycampProperties: INodeProperties[] = [];
