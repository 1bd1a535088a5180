import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

export const webhookResources: INodePropertyOptions[] = [];

export const webhookProperties: INodeProperties[] = [];
