import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

export const sunResources: INodePropertyOptions[] = [];

export const sunProperties: INodeProperties[] = [];
